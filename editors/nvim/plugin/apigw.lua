-- Loads apigw-lsp with its defaults unless the user calls require('apigw').setup() themselves.
if vim.g.loaded_apigw then
  return
end
vim.g.loaded_apigw = true
if not vim.g.apigw_manual_setup then
  require('apigw').setup()
end
