; Highlights for apigw-lsp definition files, on top of tree-sitter-yaml.
; Editors that already highlight YAML can add these captures for the format's own meaning.

; Top-level sections.
(stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar (string_scalar) @keyword
    (#any-of? @keyword "stack" "constructs" "integrations" "outputs"))))))))

; `type: HttpApi`: the CDK class.
(block_mapping_pair
  key: (flow_node (plain_scalar (string_scalar) @property (#eq? @property "type")))
  value: (flow_node (plain_scalar (string_scalar) @type)))
(flow_pair
  key: (flow_node (plain_scalar (string_scalar) @property (#eq? @property "type")))
  value: (flow_node (plain_scalar (string_scalar) @type)))

; Method keys, with their exact CDK names.
(block_mapping_pair
  key: (flow_node (plain_scalar (string_scalar) @function.method
    (#match? @function.method "^(add[A-Z]|grant[A-Z]|from[A-Z])"))))
(flow_pair
  key: (flow_node (plain_scalar (string_scalar) @function.method
    (#match? @function.method "^(add[A-Z]|grant[A-Z]|from[A-Z])"))))

; Enum members written as CDK constants (GET, DUAL_STACK, NODEJS_24_X).
((plain_scalar (string_scalar) @constant)
  (#match? @constant "^[A-Z][A-Z0-9_]+$"))

; Strings holding `${...}` expressions.
((plain_scalar (string_scalar) @string.special)
  (#match? @string.special "\\$\\{"))
((double_quote_scalar) @string.special
  (#match? @string.special "\\$\\{"))
