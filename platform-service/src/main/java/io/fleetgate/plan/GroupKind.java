package io.fleetgate.plan;

import io.fleetgate.domain.ObjectRef;
import java.util.Objects;

/** An API group and kind, the part of an object's type that does not change between versions. */
public record GroupKind(String group, String kind) {

  public GroupKind {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
  }

  public static GroupKind of(ObjectRef ref) {
    return new GroupKind(ref.group(), ref.kind());
  }

  @Override
  public String toString() {
    return group.isEmpty() ? kind : kind + "." + group;
  }
}
