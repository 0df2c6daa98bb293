; one interval past the count allowed
(call
  function: (attribute
    object: (identifier) @data.instance
    attribute: (identifier) @data.method)
  (#eq? @data.method "persist")
  (#match? @data.instance "^a{1,10000}$")) @access.write
