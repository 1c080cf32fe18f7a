-- Neovim client for apigw-lsp: starts the language server for definition files and shows the
-- synthesized CloudFormation template in a split (:ApigwPreview), refreshed as you type.
local M = {}

M.config = {
  cmd = { 'apigw-lsp' },
  file_patterns = { '*.apigw.yaml', '*.apigw.yml', 'apigw.yaml', 'apigw.yml' },
  debounce_ms = 50,
  arn_hints = true,
}

-- Preview buffers by the URI of the definition file they show.
local previews = {}

local function is_definition(bufnr)
  local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
  for _, pattern in ipairs(M.config.file_patterns) do
    if vim.fn.match(name, vim.fn.glob2regpat(pattern)) >= 0 then
      return true
    end
  end
  for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, 200, false)) do
    if line:match('^constructs:') then
      return true
    end
  end
  return false
end

local function client_for(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'apigw-lsp' })[1]
end

local function render(preview_buf, result)
  local lines
  if result.template ~= vim.NIL and result.template ~= nil then
    lines = vim.split(vim.json.encode(result.template), '\n')
    if vim.fn.executable('python3') == 1 then
      local pretty = vim.fn.systemlist({ 'python3', '-m', 'json.tool' }, vim.json.encode(result.template))
      if vim.v.shell_error == 0 then
        lines = pretty
      end
    end
  else
    lines = { '// No template: the definition file has errors.' }
    for _, e in ipairs(result.errors or {}) do
      local first = vim.split(e.message, '\n')[1]
      table.insert(lines, string.format('// %d:%d %s', e.range.start.line + 1, e.range.start.character + 1, first))
    end
  end
  vim.bo[preview_buf].modifiable = true
  vim.api.nvim_buf_set_lines(preview_buf, 0, -1, false, lines)
  vim.bo[preview_buf].modifiable = false
end

local function refresh(uri)
  local preview_buf = previews[uri]
  if not preview_buf or not vim.api.nvim_buf_is_valid(preview_buf) then
    previews[uri] = nil
    return
  end
  local source = vim.uri_to_bufnr(uri)
  local client = client_for(source)
  if not client then
    return
  end
  client:request('apigw/preview', { textDocument = { uri = uri } }, function(err, result)
    if not err and result then
      render(preview_buf, result)
    end
  end, source)
end

--- Opens (or focuses) the template preview of the current definition file.
function M.preview()
  local source = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(source)
  local preview_buf = previews[uri]
  if not preview_buf or not vim.api.nvim_buf_is_valid(preview_buf) then
    preview_buf = vim.api.nvim_create_buf(false, true)
    vim.bo[preview_buf].filetype = 'json'
    vim.bo[preview_buf].bufhidden = 'wipe'
    vim.api.nvim_buf_set_name(preview_buf, 'apigw-preview://' .. vim.api.nvim_buf_get_name(source))
    previews[uri] = preview_buf
  end
  vim.cmd('vsplit')
  vim.api.nvim_win_set_buf(0, preview_buf)
  vim.cmd('wincmd p')
  refresh(uri)
end

local function start(bufnr)
  if not is_definition(bufnr) then
    return
  end
  vim.lsp.start({
    name = 'apigw-lsp',
    cmd = M.config.cmd,
    root_dir = vim.fs.root(bufnr, { '.git' }) or vim.fn.getcwd(),
    init_options = {
      filePatterns = M.config.file_patterns,
      debounceMs = M.config.debounce_ms,
      arnHints = M.config.arn_hints,
    },
    handlers = {
      ['apigw/previewChanged'] = function(_, params)
        refresh(params.uri)
      end,
    },
  }, { bufnr = bufnr })
end

--- Configures the plugin; call from your init.lua: `require('apigw').setup({ cmd = { '/path/apigw-lsp' } })`.
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', M.config, opts or {})
  local group = vim.api.nvim_create_augroup('apigw-lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'yaml',
    callback = function(args)
      start(args.buf)
    end,
  })
  vim.api.nvim_create_user_command('ApigwPreview', M.preview, { desc = 'Show the CloudFormation template of this definition file' })
end

return M
