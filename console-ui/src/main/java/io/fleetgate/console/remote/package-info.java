/**
 * The console talking to a platform-service over its API: the client generated from the OpenAPI
 * document ({@code io.fleetgate.client}) behind the console's read models, and a Server-Sent Events
 * reader that resumes from the last event id after a broken connection.
 */
package io.fleetgate.console.remote;
