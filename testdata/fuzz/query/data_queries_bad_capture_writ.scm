; the access capture misspelt
(call
  function: (attribute
    object: (identifier) @data.instance
    attribute: (identifier) @data.method)
  (#eq? @data.method "persist")) @access.writ
