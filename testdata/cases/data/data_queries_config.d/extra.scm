; repo.persist(entity): our own write helper
(call
  function: (attribute
    object: (identifier) @_repo
    attribute: (identifier) @data.method)
  arguments: (argument_list . (identifier) @data.instance .)
  (#eq? @_repo "repo") (#eq? @data.method "persist")) @access.write

; Model.fetch_one(...): our own read helper
(call
  function: (attribute
    object: (_) @data.model
    attribute: (identifier) @data.method)
  (#eq? @data.method "fetch_one")) @access.read
