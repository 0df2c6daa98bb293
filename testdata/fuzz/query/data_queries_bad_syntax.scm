; a custom write, one parenthesis short
(call
  function: (attribute
    object: (identifier) @data.instance
    attribute: (identifier) @data.method
  (#eq? @data.method "persist")) @access.write
