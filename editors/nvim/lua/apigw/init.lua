-- Neovim client for apigw-lsp: starts the language server for definition files (vim.lsp.config
-- on 0.11+, vim.lsp.start on 0.10), turns on its ARN inlay hints, shows the synthesized
-- CloudFormation template in a split (:ApigwPreview, refreshed as you type) and writes it to a
-- file (:ApigwSynth). The template text comes from the server, exactly as `--synth` writes it.
local M = {}

M.config = {
  cmd = { 'apigw-lsp' },
  file_patterns = { '*.apigw.yaml', '*.apigw.yml', 'apigw.yaml', 'apigw.yml' },
  debounce_ms = 50,
  arn_hints = true,
}

local NAME = 'apigw-lsp'

-- Preview buffers by the URI of the definition file they show.
local previews = {}

local function notify(message, level)
  vim.notify('apigw: ' .. message, level or vim.log.levels.INFO)
end

--- Whether a buffer is a definition file: a configured file name or a top-level `constructs:` key.
function M.is_definition(bufnr)
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

--- The message for a missing server binary.
function M.missing_binary_message()
  return string.format(
    '`%s` was not found. Install it with `cargo install --path .` in an apigw-lsp checkout, '
      .. "or give its path: require('apigw').setup({ cmd = { '/path/to/apigw-lsp' } })",
    M.config.cmd[1]
  )
end

--- Whether the configured server binary can be run.
function M.has_binary()
  return vim.fn.executable(M.config.cmd[1]) == 1
end

local warned_missing = false
local function check_binary()
  if M.has_binary() then
    return true
  end
  if not warned_missing then
    warned_missing = true
    notify(M.missing_binary_message(), vim.log.levels.ERROR)
  end
  return false
end

-- `client:request` on 0.11+, `client.request` on 0.10.
local function request(client, method, params, handler, bufnr)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function client_for(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = NAME })[1]
end

--- The preview's lines: the template, or the blocking errors as a JSON object.
function M.preview_lines(result)
  if type(result.text) == 'string' then
    local lines = vim.split(result.text, '\n', { plain = true })
    if lines[#lines] == '' then
      table.remove(lines)
    end
    return lines
  end
  local errors = result.errors or {}
  local lines = {
    '{',
    string.format(
      '  "error": %s,',
      vim.json.encode(string.format('No template: the definition file has %d error%s.', #errors, #errors == 1 and '' or 's'))
    ),
    '  "errors": [',
  }
  for i, e in ipairs(errors) do
    local first = vim.split(e.message, '\n', { plain = true })[1]
    local text = string.format('%d:%d: %s', e.range.start.line + 1, e.range.start.character + 1, first)
    table.insert(lines, '    ' .. vim.json.encode(text) .. (i < #errors and ',' or ''))
  end
  table.insert(lines, '  ]')
  table.insert(lines, '}')
  return lines
end

local function render(preview_buf, result)
  vim.bo[preview_buf].modifiable = true
  vim.api.nvim_buf_set_lines(preview_buf, 0, -1, false, M.preview_lines(result))
  vim.bo[preview_buf].modifiable = false
  vim.bo[preview_buf].modified = false
end

-- Asks the server for a definition buffer's preview; calls back with the result or an error message.
local function request_preview(source, callback)
  local client = client_for(source)
  if not client then
    if not M.has_binary() then
      callback(nil, M.missing_binary_message())
    elseif not M.is_definition(source) then
      callback(nil, 'this buffer is not a definition file: name it *.apigw.yaml or give it a top-level `constructs:` key')
    else
      callback(nil, 'the language server is not running for this buffer (see :checkhealth apigw)')
    end
    return
  end
  request(client, 'apigw/preview', { textDocument = { uri = vim.uri_from_bufnr(source) } }, function(err, result)
    if err or not result then
      callback(nil, 'the server answered no preview: ' .. (err and err.message or 'nothing'))
    else
      callback(result)
    end
  end, source)
end

local function refresh(uri)
  local preview_buf = previews[uri]
  if not preview_buf or not vim.api.nvim_buf_is_valid(preview_buf) then
    previews[uri] = nil
    return
  end
  request_preview(vim.uri_to_bufnr(uri), function(result)
    if result and vim.api.nvim_buf_is_valid(preview_buf) then
      render(preview_buf, result)
    end
  end)
end

-- The definition buffer a buffer stands for (a preview stands for its source).
local function source_of(bufnr)
  for uri, preview_buf in pairs(previews) do
    if preview_buf == bufnr then
      return vim.uri_to_bufnr(uri)
    end
  end
  return bufnr
end

--- Opens the template preview of the current definition file in a split, or reuses the open one.
function M.preview()
  local source = source_of(vim.api.nvim_get_current_buf())
  local uri = vim.uri_from_bufnr(source)
  request_preview(source, function(result, message)
    if not result then
      notify(message, vim.log.levels.ERROR)
      return
    end
    local preview_buf = previews[uri]
    if not preview_buf or not vim.api.nvim_buf_is_valid(preview_buf) then
      preview_buf = vim.api.nvim_create_buf(false, true)
      vim.bo[preview_buf].filetype = 'json'
      vim.bo[preview_buf].bufhidden = 'wipe'
      vim.api.nvim_buf_set_name(preview_buf, 'apigw-preview://' .. vim.api.nvim_buf_get_name(source))
      previews[uri] = preview_buf
    end
    render(preview_buf, result)
    if vim.fn.bufwinid(preview_buf) == -1 then
      local from = vim.api.nvim_get_current_win()
      vim.cmd('vsplit')
      vim.api.nvim_win_set_buf(0, preview_buf)
      vim.api.nvim_set_current_win(from)
    end
  end)
end

--- Writes the template of the current definition file to `path` (default: beside it, `.template.json`).
function M.synth(path)
  local source = source_of(vim.api.nvim_get_current_buf())
  local name = vim.api.nvim_buf_get_name(source)
  local target = (path and path ~= '') and path or (name:gsub('%.apigw%.ya?ml$', ''):gsub('%.ya?ml$', '') .. '.template.json')
  request_preview(source, function(result, message)
    if not result then
      notify(message, vim.log.levels.ERROR)
    elseif type(result.text) ~= 'string' then
      local errors = result.errors or {}
      local first = errors[1] and string.format(' (first: line %d: %s)', errors[1].range.start.line + 1, vim.split(errors[1].message, '\n', { plain = true })[1]) or ''
      notify(string.format('no template, the definition file has %d error(s)%s', #errors, first), vim.log.levels.ERROR)
    else
      local file, err = io.open(target, 'wb')
      if not file then
        notify('cannot write ' .. target .. ': ' .. tostring(err), vim.log.levels.ERROR)
        return
      end
      file:write(result.text)
      file:close()
      notify('wrote ' .. target)
    end
  end)
end

-- The client configuration (one table for vim.lsp.config and vim.lsp.start).
local function client_config()
  return {
    name = NAME,
    cmd = M.config.cmd,
    filetypes = { 'yaml' },
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
  }
end

local function root_of(bufnr)
  return vim.fs.root(bufnr, { '.git' }) or vim.fn.getcwd()
end

--- Configures the plugin; call from your init.lua: `require('apigw').setup({ cmd = { '/path/apigw-lsp' } })`.
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', M.config, opts or {})
  warned_missing = false
  local group = vim.api.nvim_create_augroup('apigw-lsp', { clear = true })
  if vim.lsp.config and vim.lsp.enable then
    -- 0.11+: the root_dir function starts the server only for definition files.
    local config = client_config()
    config.root_dir = function(bufnr, on_dir)
      if M.is_definition(bufnr) and check_binary() then
        on_dir(root_of(bufnr))
      end
    end
    vim.lsp.config(NAME, config)
    vim.lsp.enable(NAME)
  else
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = 'yaml',
      callback = function(args)
        if M.is_definition(args.buf) and check_binary() then
          local config = client_config()
          config.root_dir = root_of(args.buf)
          vim.lsp.start(config, { bufnr = args.buf })
        end
      end,
    })
  end
  vim.api.nvim_create_autocmd('LspAttach', {
    group = group,
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client and client.name == NAME and vim.lsp.inlay_hint then
        vim.lsp.inlay_hint.enable(M.config.arn_hints, { bufnr = args.buf })
      end
    end,
  })
  vim.api.nvim_create_user_command('ApigwPreview', M.preview, { desc = 'Show the CloudFormation template of this definition file' })
  vim.api.nvim_create_user_command('ApigwSynth', function(cmd)
    M.synth(cmd.args)
  end, { nargs = '?', complete = 'file', desc = 'Write the CloudFormation template of this definition file' })
end

return M
