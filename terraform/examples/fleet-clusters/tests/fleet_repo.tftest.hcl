# The clusters this example declares are exactly the example fleet's: same set of
# <cluster>/cluster.yaml files, and each one equal, parsed, to the file in clusters/.

mock_provider "kubectl" {}

run "declares_the_example_fleet_as_the_fleet_repo_holds_it" {
  command = plan

  assert {
    condition     = toset(keys(output.fleet_files)) == fileset("${path.module}/../../../clusters", "*/cluster.yaml")
    error_message = "The example declares ${jsonencode(sort(keys(output.fleet_files)))}, the fleet repository ${jsonencode(sort(fileset("${path.module}/../../../clusters", "*/cluster.yaml")))}."
  }

  assert {
    condition = alltrue([for file_path, content in output.fleet_files :
    yamldecode(content) == yamldecode(file("${path.module}/../../../clusters/${file_path}"))])
    error_message = "A cluster's YAML differs from clusters/<cluster>/cluster.yaml: ${jsonencode([for file_path, content in output.fleet_files : file_path if yamldecode(content) != yamldecode(file("${path.module}/../../../clusters/${file_path}"))])}."
  }
}

run "renders_without_a_management_cluster" {
  command = plan

  variables {
    declare_in_management_cluster = false
  }

  assert {
    condition     = length(output.fleet_files) == 3
    error_message = "Rendering only must still produce the three files."
  }
}
