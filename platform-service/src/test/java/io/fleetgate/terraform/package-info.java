/**
 * The OpenTofu modules of {@code terraform/}, checked with the pinned OpenTofu and kubectl provider
 * from the tool cache: formatting, validation, the modules' own {@code tofu test} files, and a real
 * apply and destroy of the platform module against the sandbox fleet's management cluster.
 */
package io.fleetgate.terraform;
