; three regexes of 4000 atoms each, 16384 at most together
(call
  function: (attribute
    object: (identifier) @data.instance
    attribute: (identifier) @data.method)
  (#eq? @data.method "persist")
  (#match? @data.instance "^(a{1,250}){1,16}$")
  (#match? @data.instance "^(a{1,250}){1,16}$")
  (#match? @data.instance "^(a{1,250}){1,16}$")
  (#match? @data.instance "^(a{1,250}){1,16}$")
  (#match? @data.instance "^(a{1,250}){1,16}$")) @access.write
