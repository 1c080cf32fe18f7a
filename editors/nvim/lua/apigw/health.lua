-- :checkhealth apigw: the Neovim version, the server binary, the running client and the
-- tree-sitter queries.
local M = {}

function M.check()
  local apigw = require('apigw')
  vim.health.start('apigw-lsp')
  if vim.fn.has('nvim-0.10') == 1 then
    vim.health.ok('Neovim ' .. tostring(vim.version()))
  else
    vim.health.error('Neovim 0.10 or newer is needed')
  end
  local binary = apigw.config.cmd[1]
  if apigw.has_binary() then
    local out = vim.fn.system({ binary, '--version' })
    if vim.v.shell_error == 0 then
      vim.health.ok('server: ' .. vim.fn.exepath(binary) .. ' (' .. vim.trim(out) .. ')')
    else
      vim.health.error('server ' .. binary .. ' --version failed: ' .. vim.trim(out))
    end
  else
    vim.health.error(apigw.missing_binary_message())
  end
  local clients = vim.lsp.get_clients({ name = 'apigw-lsp' })
  if #clients > 0 then
    vim.health.ok(string.format('%d apigw-lsp client(s) running', #clients))
  else
    vim.health.info('no apigw-lsp client running (open a *.apigw.yaml file)')
  end
  if #vim.api.nvim_get_runtime_file('queries/yaml/highlights.scm', true) > 0 then
    vim.health.ok('highlight queries found in the runtime path')
  end
  local ok = pcall(vim.treesitter.language.add, 'yaml')
  if ok then
    vim.health.ok('tree-sitter yaml parser installed: the queries extend its highlights')
  else
    vim.health.warn('no tree-sitter yaml parser: install it (e.g. :TSInstall yaml) for the extra highlights')
  end
end

return M
