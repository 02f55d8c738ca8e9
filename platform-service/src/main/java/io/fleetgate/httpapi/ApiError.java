package io.fleetgate.httpapi;

/** An error the API answers with its status and a sentence ({@code application/problem+json}). */
final class ApiError extends RuntimeException {

  final int status;

  ApiError(int status, String message) {
    super(message);
    this.status = status;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, message);
  }
}
