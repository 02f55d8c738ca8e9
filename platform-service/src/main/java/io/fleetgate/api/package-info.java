/**
 * The platform's public surface for the console and automation: read models and operations, with no
 * dependency on how they are implemented. The console may use only this package and the composition
 * root ({@code app}).
 */
package io.fleetgate.api;
