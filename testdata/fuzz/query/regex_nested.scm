; nested intervals: 255^4 copies of a once compiled
(call
  function: (attribute
    object: (identifier) @data.instance
    attribute: (identifier) @data.method)
  (#eq? @data.method "persist")
  (#not-match? @data.instance "^x$")
  (#match? @data.instance "^(((a{1,255}){1,255}){1,255}){1,255}$")) @access.write
