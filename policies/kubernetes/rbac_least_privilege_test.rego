package fleetgate.kubernetes.rbac_least_privilege_test

import data.fleetgate.kubernetes.rbac_least_privilege

test_denies_wildcard_verbs if {
	role := {"kind": "ClusterRole", "metadata": {"name": "ops"}, "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["*"]}]}
	rbac_least_privilege.deny == {"ClusterRole -/ops: a rule grants '*' in verbs"} with input.object as role
}

test_allows_named_verbs if {
	role := {"kind": "Role", "metadata": {"name": "read", "namespace": "apps"}, "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]}
	count(rbac_least_privilege.deny) == 0 with input.object as role
}

test_denies_an_extra_cluster_admin if {
	binding := {"kind": "ClusterRoleBinding", "metadata": {"name": "b"}, "roleRef": {"name": "cluster-admin"}, "subjects": [{"kind": "User", "name": "eve"}]}
	rbac_least_privilege.deny == {`ClusterRoleBinding -/b: binds cluster-admin to User "eve"`} with input.object as binding
}

test_allows_the_listed_cluster_admins if {
	binding := {"kind": "ClusterRoleBinding", "metadata": {"name": "b"}, "roleRef": {"name": "cluster-admin"}, "subjects": [{"kind": "Group", "name": "platform-admins"}]}
	count(rbac_least_privilege.deny) == 0 with input.object as binding with data.fleetgate.params.cluster_admins as ["platform-admins"]
}
