; extends
; Highlights for apigw-lsp definition files, on top of tree-sitter-yaml's own highlights (the
; line above tells Neovim to add these to the YAML queries instead of replacing them).

; Top-level sections.
(stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar (string_scalar) @keyword
    (#any-of? @keyword "stack" "constructs" "integrations" "authorizers" "outputs"))))))))

; `type: HttpApi`, `type: "HttpApi"`, `type: 'HttpApi'`: the CDK class.
(block_mapping_pair
  key: (flow_node (plain_scalar (string_scalar) @_key (#eq? @_key "type")))
  value: (flow_node [(plain_scalar (string_scalar)) (double_quote_scalar) (single_quote_scalar)] @type))
(flow_pair
  key: (flow_node (plain_scalar (string_scalar) @_key (#eq? @_key "type")))
  value: (flow_node [(plain_scalar (string_scalar)) (double_quote_scalar) (single_quote_scalar)] @type))

; Method keys, with their exact CDK names.
(block_mapping_pair
  key: (flow_node (plain_scalar (string_scalar) @function.method
    (#match? @function.method "^(add[A-Z]|grant[A-Z]|from[A-Z])"))))
(flow_pair
  key: (flow_node (plain_scalar (string_scalar) @function.method
    (#match? @function.method "^(add[A-Z]|grant[A-Z]|from[A-Z])"))))

; Enum members written as CDK constants (GET, DUAL_STACK, NODEJS_24_X), as values only: a key
; in capitals (an output id, a header name) stays a key.
(block_mapping_pair
  value: (flow_node (plain_scalar (string_scalar) @constant
    (#match? @constant "^[A-Z][A-Z0-9_]+$"))))
(flow_pair
  value: (flow_node (plain_scalar (string_scalar) @constant
    (#match? @constant "^[A-Z][A-Z0-9_]+$"))))
(block_sequence_item (flow_node (plain_scalar (string_scalar) @constant
  (#match? @constant "^[A-Z][A-Z0-9_]+$"))))
(flow_sequence (flow_node (plain_scalar (string_scalar) @constant
  (#match? @constant "^[A-Z][A-Z0-9_]+$"))))

; Strings holding `${...}` expressions, plain or quoted.
((plain_scalar (string_scalar) @string.special)
  (#match? @string.special "\\$\\{"))
((double_quote_scalar) @string.special
  (#match? @string.special "\\$\\{"))
((single_quote_scalar) @string.special
  (#match? @string.special "\\$\\{"))
