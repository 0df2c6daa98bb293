; a write through a receiver named store or repo
(call
  function: (attribute
    object: (identifier) @data.instance
    attribute: (identifier) @data.method)
  (#eq? @data.method "persist")
  (#match? @data.instance "^(store|repo)$")) @access.write
