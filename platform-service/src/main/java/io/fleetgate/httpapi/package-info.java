/**
 * The platform API over HTTP (Javalin on virtual threads): the resources of {@link
 * io.fleetgate.api.PlatformApi}, live events as Server-Sent Events, push webhooks, bearer-token
 * access by role, Prometheus metrics, health, and a Java Flight Recorder endpoint. The OpenAPI
 * document {@code openapi.json} on the class path is the contract, served as it is.
 */
package io.fleetgate.httpapi;
