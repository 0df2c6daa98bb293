; a custom write that names no word
(call
  function: (attribute
    object: (identifier) @data.instance
    attribute: (identifier) @data.method)) @access.write
