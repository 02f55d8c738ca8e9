package io.fleetgate.netpol;

/**
 * A port a container of a workload's pods declares.
 *
 * @param name the port's name, or {@code null}
 */
public record ContainerPort(String name, int port, Protocol protocol) {}
