package io.fleetgate.netpol.peer;

/** A port a pod's container declares: its name (for named ports), number and protocol. */
record ContainerPort(String name, int port, Protocol protocol) {}
