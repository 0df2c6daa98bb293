; a data capture cut short
(call
  function: (attribute
    object: (identifier) @data.mod
    attribute: (identifier) @data.method)
  (#eq? @data.method "persist")) @access.write
