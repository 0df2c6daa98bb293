; data.scm — datastore accesses: reads, writes and references of models (App Engine ndb and
; db, Django, SQLAlchemy). Capture names are the contract with analyzer/extract_data.c:
;   @access.read / @access.write / @access.reference  the access (its start is its place)
;   @data.model      an expression naming the model class, or a string naming its kind
;                    ('Kind', Django's "app.Model", SQLAlchemy's "table.column")
;   @data.gql        a GQL string: its FROM names the kind
;   @data.instance   a local name holding an entity: the function's bindings tell its model
;   @data.instances  a list (or a name bound to one) of entities or keys
;   @data.manager    a call chain through Django's M.objects: the model is M
;   @data.method     the method, as stored
;   @data.api        the module a call goes through (ndb in ndb.put_multi): it must resolve to
;                    google.appengine.ext.ndb or .db, or google.cloud.ndb, else no access
; Which names are models is decided after the scan, through imports and base classes: these
; patterns match by shape, and what does not resolve to a model is dropped (a write is kept
; as a write of an unknown model). Each pattern must name a word with #eq? or #any-of?: it
; runs only on the expressions around the places where one of its words is written.
; #keywords-only? holds for an argument list without positional arguments.

; --- reads ---------------------------------------------------------------------------------
; M.query(...), M.get_by_id(...), M.all(), M.gql('WHERE ...'), cls.get_by_id(...), and a
; key's key.get(), key.get_async() (the key in a name, a property, or from a function)
(call
  function: (attribute
    object: (_) @data.model
    attribute: (identifier) @data.method)
  (#any-of? @data.method "query" "get_by_id" "get_by_id_async" "get_by_key_name"
    "get_by_key_name_async" "get" "get_async" "all" "gql")) @access.read

; ndb.gql('SELECT * FROM Kind ...'), db.GqlQuery('SELECT ... FROM Kind')
(call
  function: (identifier) @data.method
  arguments: (argument_list . (_) @data.gql)
  (#any-of? @data.method "gql" "GqlQuery")) @access.read
(call
  function: (attribute attribute: (identifier) @data.method)
  arguments: (argument_list . (_) @data.gql)
  (#any-of? @data.method "gql" "GqlQuery")) @access.read

; ndb.Key(M or 'Kind', id).get()
(call
  function: (attribute
    object: (call
      function: (_) @_k
      arguments: (argument_list . (_) @data.model))
    attribute: (identifier) @data.method)
  (#match? @_k "^([A-Za-z_][A-Za-z0-9_]*[.])*Key$") (#any-of? @data.method "get" "get_async")) @access.read

; ndb.get_multi(keys), ndb.get_multi(k for k in ...) (a generator is the whole argument list)
(call
  function: (identifier) @data.method
  arguments: [(argument_list . (_) @data.instances) (generator_expression) @data.instances]
  (#any-of? @data.method "get_multi" "get_multi_async")) @access.read
(call
  function: (attribute object: (_) @data.api attribute: (identifier) @data.method)
  arguments: [(argument_list . (_) @data.instances) (generator_expression) @data.instances]
  (#any-of? @data.method "get_multi" "get_multi_async")) @access.read

; Django: M.objects.anything (a write method on it makes it a write, below)
(attribute
  object: (_) @data.model
  attribute: (identifier) @data.method
  (#eq? @data.method "objects")) @access.read

; SQLAlchemy: session.query(M, ...), select(M, ...)
(call
  function: (attribute attribute: (identifier) @data.method)
  arguments: (argument_list . (_) @data.model)
  (#eq? @data.method "query")) @access.read
(call
  function: (identifier) @data.method
  arguments: (argument_list . (_) @data.model)
  (#eq? @data.method "select")) @access.read
(call
  function: (attribute attribute: (identifier) @data.method)
  arguments: (argument_list . (_) @data.model)
  (#eq? @data.method "select")) @access.read

; --- writes --------------------------------------------------------------------------------
; M(...).put()
(call
  function: (attribute
    object: (call function: (_) @data.model)
    attribute: (identifier) @data.method)
  arguments: (argument_list) @_args
  (#any-of? @data.method "put" "put_async" "save") (#keywords-only? @_args)) @access.write

; entity.put(), entity.save(), entity.delete() (Queue.put(item) has an argument: not a write)
(call
  function: (attribute
    object: (identifier) @data.instance
    attribute: (identifier) @data.method)
  arguments: (argument_list) @_args
  (#any-of? @data.method "put" "put_async" "save" "delete" "delete_async")
  (#keywords-only? @_args)) @access.write

; super(M, self).put(), super().delete(): the enclosing class's own write
(call
  function: (attribute
    object: (call function: (identifier) @data.model)
    attribute: (identifier) @data.method)
  arguments: (argument_list) @_args
  (#eq? @data.model "super")
  (#any-of? @data.method "put" "put_async" "save" "delete" "delete_async")
  (#keywords-only? @_args)) @access.write

; key_of(x).delete(): a function giving a key (its name says so; what it returns, its model)
(call
  function: (attribute
    object: (call function: (_) @data.model)
    attribute: (identifier) @data.method)
  arguments: (argument_list) @_args
  (#match? @data.model "[Kk]ey$") (#not-match? @data.model "(^|[.])Key$")
  (#any-of? @data.method "delete" "delete_async")
  (#keywords-only? @_args)) @access.write

; request.issue.put(), self._repo.put(): an entity held in an attribute (a reference
; property's, or a handler's); its name, or the property's declared kind, tells the model
(call
  function: (attribute
    object: (attribute) @data.instance
    attribute: (identifier) @data.method)
  arguments: (argument_list) @_args
  (#any-of? @data.method "put" "put_async") (#keywords-only? @_args)) @access.write

; entity.key.delete()
(call
  function: (attribute
    object: (attribute object: (identifier) @data.instance attribute: (identifier) @_key)
    attribute: (identifier) @data.method)
  (#eq? @_key "key") (#any-of? @data.method "delete" "delete_async")) @access.write

; ndb.Key(M or 'Kind', id).delete()
(call
  function: (attribute
    object: (call
      function: (_) @_k
      arguments: (argument_list . (_) @data.model))
    attribute: (identifier) @data.method)
  (#match? @_k "^([A-Za-z_][A-Za-z0-9_]*[.])*Key$") (#any-of? @data.method "delete" "delete_async")) @access.write

; M.get_or_insert(...)
(call
  function: (attribute
    object: (_) @data.model
    attribute: (identifier) @data.method)
  (#any-of? @data.method "get_or_insert" "get_or_insert_async")) @access.write

; ndb.put_multi(entities), ndb.delete_multi(keys), db.put(entities), db.delete(entities),
; and the same of a generator (ndb.delete_multi(e.key for e in old))
(call
  function: (identifier) @data.method
  arguments: [(argument_list . (_) @data.instances) (generator_expression) @data.instances]
  (#any-of? @data.method "put_multi" "put_multi_async" "delete_multi"
    "delete_multi_async")) @access.write
(call
  function: (attribute object: (_) @data.api attribute: (identifier) @data.method)
  arguments: [(argument_list . (_) @data.instances) (generator_expression) @data.instances]
  (#any-of? @data.method "put_multi" "put_multi_async" "delete_multi"
    "delete_multi_async")) @access.write
(call
  function: (attribute object: (_) @data.api attribute: (identifier) @data.method)
  arguments: [(argument_list . (_) @data.instances) (generator_expression) @data.instances]
  (#any-of? @data.method "put" "delete" "put_async" "delete_async")) @access.write

; Django: M.objects.create(...), M.objects.filter(...).update(...), any chain through
; M.objects (extract_data.c finds M in the chain)
(call
  function: (attribute object: (_) @data.manager attribute: (identifier) @data.method)
  (#any-of? @data.method "create" "update" "delete" "get_or_create" "update_or_create"
    "bulk_create" "bulk_update")) @access.write

; SQLAlchemy: session.add(M(...)), session.add(entity), session.delete(entity)
(call
  function: (attribute object: (_) @_s attribute: (identifier) @data.method)
  arguments: (argument_list . (call function: (_) @data.model) .)
  (#match? @_s "[Ss]ession$") (#any-of? @data.method "add" "merge")) @access.write
(call
  function: (attribute object: (_) @_s attribute: (identifier) @data.method)
  arguments: (argument_list . (identifier) @data.instance .)
  (#match? @_s "[Ss]ession$") (#any-of? @data.method "add" "merge" "delete")) @access.write

; --- references ----------------------------------------------------------------------------
; ndb.Key(M or 'Kind', ...) (a Key that is read or deleted counts once, as that)
(call
  function: (identifier) @data.method
  arguments: (argument_list . (_) @data.model)
  (#eq? @data.method "Key")) @access.reference
(call
  function: (attribute attribute: (identifier) @data.method)
  arguments: (argument_list . (_) @data.model)
  (#eq? @data.method "Key")) @access.reference

; ndb.KeyProperty(kind='Kind' or M), db.ReferenceProperty(reference_class=M), Django's
; ForeignKey(to=...)
(call
  function: (identifier) @data.method
  arguments: (argument_list
    (keyword_argument name: (identifier) @_k value: (_) @data.model))
  (#any-of? @data.method "KeyProperty" "ReferenceProperty" "ForeignKey" "OneToOneField"
    "ManyToManyField")
  (#any-of? @_k "kind" "reference_class" "to")) @access.reference
(call
  function: (attribute attribute: (identifier) @data.method)
  arguments: (argument_list
    (keyword_argument name: (identifier) @_k value: (_) @data.model))
  (#any-of? @data.method "KeyProperty" "ReferenceProperty" "ForeignKey" "OneToOneField"
    "ManyToManyField")
  (#any-of? @_k "kind" "reference_class" "to")) @access.reference

; db.ReferenceProperty(M), Django's ForeignKey("app.Model" or M), SQLAlchemy's
; relationship("M") and ForeignKey("table.column")
(call
  function: (identifier) @data.method
  arguments: (argument_list . (_) @data.model)
  (#any-of? @data.method "ReferenceProperty" "ForeignKey" "OneToOneField" "ManyToManyField"
    "relationship")) @access.reference
(call
  function: (attribute attribute: (identifier) @data.method)
  arguments: (argument_list . (_) @data.model)
  (#any-of? @data.method "ReferenceProperty" "ForeignKey" "OneToOneField" "ManyToManyField"
    "relationship")) @access.reference
; ndb.KeyProperty(M) (a string there is the property's name, not a kind)
(call
  function: (identifier) @data.method
  arguments: (argument_list . (_) @data.model)
  (#eq? @data.method "KeyProperty")) @access.reference
(call
  function: (attribute attribute: (identifier) @data.method)
  arguments: (argument_list . (_) @data.model)
  (#eq? @data.method "KeyProperty")) @access.reference
