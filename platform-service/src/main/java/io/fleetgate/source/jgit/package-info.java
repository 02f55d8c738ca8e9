/** Fetches the config repository with JGit into a working copy under the data directory. */
package io.fleetgate.source.jgit;
