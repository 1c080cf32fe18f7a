-- The Neovim plugin tested in a real Neovim: `nvim --headless --clean -l editors/nvim/test/run.lua`
-- with APIGW_LSP_BIN (the server binary) and APIGW_TEST_DIR (a scratch directory) set. Opens an
-- example with an error and waits for the diagnostic, completes, shows inlay hints, runs
-- :ApigwPreview, edits and sees the preview change, checks :ApigwSynth, :checkhealth apigw and
-- the message for a missing binary. Prints one line per check and `N passed, N failed`.
local here = vim.fs.dirname(vim.fs.normalize(debug.getinfo(1, 'S').source:sub(2)))
local plugin = vim.fs.dirname(here)
local repo = vim.fs.dirname(vim.fs.dirname(plugin))
local bin = assert(os.getenv('APIGW_LSP_BIN'), 'APIGW_LSP_BIN')
local dir = assert(os.getenv('APIGW_TEST_DIR'), 'APIGW_TEST_DIR')
vim.opt.runtimepath:prepend(plugin)
vim.g.apigw_manual_setup = true
vim.cmd('runtime plugin/apigw.lua')
vim.cmd('filetype on')

local passed, failed = 0, 0
local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    passed = passed + 1
    io.stdout:write('ok - ' .. name .. '\n')
  else
    failed = failed + 1
    io.stdout:write('FAIL - ' .. name .. ': ' .. tostring(err) .. '\n')
  end
end

-- Messages are recorded (headless Neovim would turn an ERROR notification into an exception).
local notes = {}
vim.notify = function(msg)
  table.insert(notes, msg)
end

local function wait(what, cond, ms)
  if not vim.wait(ms or 15000, cond, 50) then
    error('timed out waiting for ' .. what, 2)
  end
end

local function read(path)
  local f = assert(io.open(path, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end

local function synth(path)
  local r = vim.system({ bin, '--synth', path }):wait()
  assert(r.code == 0, 'apigw-lsp --synth failed: ' .. (r.stderr or ''))
  return r.stdout
end

local function buf_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

local function set_line(buf, row, text)
  vim.api.nvim_buf_set_lines(buf, row, row + 1, false, { text })
end

require('apigw').setup({ cmd = { bin }, debounce_ms = 0 })

local file = dir .. '/bookstore.apigw.yaml'
local example = read(repo .. '/examples/01-bookstore.apigw.yaml')
local f = assert(io.open(file, 'wb'))
f:write((example:gsub('NODEJS_24_X', 'NODEJS_24_Y', 1)))
f:close()
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local runtime_row = vim.fn.search('runtime:') - 1

check('the server starts for a definition file', function()
  wait('the client', function()
    return #vim.lsp.get_clients({ bufnr = buf, name = 'apigw-lsp' }) == 1
  end)
end)

check('the error is a diagnostic on the misspelt enum member', function()
  wait('a diagnostic', function()
    return #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR }) > 0
  end)
  local d = vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })[1]
  assert(d.lnum == runtime_row, 'on line ' .. d.lnum .. ', expected ' .. runtime_row)
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  assert(line:sub(d.col + 1, d.end_col) == 'NODEJS_24_Y', 'range covers `' .. line:sub(d.col + 1, d.end_col) .. '`')
  assert(d.message:find('NODEJS_24_Y', 1, true), d.message)
end)

check('the preview of a file with errors lists them as JSON', function()
  vim.cmd('ApigwPreview')
  local preview
  wait('the preview window', function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      local b = vim.api.nvim_win_get_buf(w)
      if vim.api.nvim_buf_get_name(b):find('apigw-preview://', 1, true) then
        preview = b
        return true
      end
    end
    return false
  end)
  local decoded = vim.json.decode(buf_text(preview))
  assert(decoded.error:find('No template', 1, true), decoded.error)
  assert(#decoded.errors == 1 and decoded.errors[1]:find('NODEJS_24_Y', 1, true), vim.inspect(decoded.errors))
  assert(vim.api.nvim_get_current_buf() == buf, 'focus stays in the definition file')
end)

local function preview_buf()
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_get_name(b):find('apigw-preview://', 1, true) then
      return b
    end
  end
end

check('fixing the error clears the diagnostic and the preview becomes the --synth template', function()
  set_line(buf, runtime_row, '    runtime: NODEJS_24_X')
  vim.cmd('silent write')
  wait('no errors', function()
    return #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR }) == 0
  end)
  local expected = synth(file)
  wait('the template in the preview', function()
    return buf_text(preview_buf()) == expected
  end)
end)

check('a second :ApigwPreview reuses the preview window', function()
  local before = #vim.api.nvim_list_wins()
  vim.cmd('ApigwPreview')
  vim.wait(500)
  assert(#vim.api.nvim_list_wins() == before, #vim.api.nvim_list_wins() .. ' windows, expected ' .. before)
end)

check('editing the definition file changes the preview', function()
  local row = vim.fn.search('get-books-proxy') - 1
  local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1]
  set_line(buf, row, (line:gsub('get%-books%-proxy', 'changed-proxy')))
  wait('the edited URL in the preview', function()
    return buf_text(preview_buf()):find('https://changed-proxy.example.com', 1, true) ~= nil
  end)
end)

check('completion offers enum members', function()
  local result = vim.lsp.buf_request_sync(buf, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = runtime_row, character = #'    runtime: NODEJS_2' },
  }, 5000)
  local labels = {}
  for _, r in pairs(result or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do
      labels[item.label] = true
    end
  end
  assert(labels['NODEJS_24_X'], 'labels: ' .. vim.inspect(vim.tbl_keys(labels)))
end)

check('hover shows the prop docs', function()
  local result = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = runtime_row, character = 6 },
  }, 5000)
  local text = ''
  for _, r in pairs(result or {}) do
    if r.result then
      text = text .. vim.inspect(r.result.contents)
    end
  end
  assert(text:lower():find('runtime', 1, true), text)
end)

check('inlay hints are on and show the route ARNs', function()
  assert(vim.lsp.inlay_hint.is_enabled({ bufnr = buf }), 'inlay hints are off')
  local labels
  wait('inlay hints', function()
    labels = {}
    for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf })) do
      local label = h.inlay_hint.label
      if type(label) == 'table' then
        label = table.concat(vim.tbl_map(function(p)
          return p.value
        end, label))
      end
      table.insert(labels, label)
    end
    return #labels > 0
  end)
  assert(table.concat(labels, ' '):find('execute-api', 1, true), vim.inspect(labels))
end)

check(':ApigwSynth writes the template exactly as --synth does', function()
  vim.cmd('silent write')
  local out = dir .. '/out.template.json'
  vim.cmd('ApigwSynth ' .. vim.fn.fnameescape(out))
  wait('the written file', function()
    return vim.uv.fs_stat(out) ~= nil
  end)
  assert(read(out) == synth(file), 'the written template differs from --synth')
end)

check(':checkhealth apigw reports the server', function()
  vim.cmd('silent checkhealth apigw')
  local text = buf_text(vim.api.nvim_get_current_buf())
  assert(text:find('server: ', 1, true) and text:find('apigw-lsp client', 1, true), text)
  vim.cmd('bwipeout')
end)

check('without the binary, :ApigwPreview says what is missing and opens nothing', function()
  vim.lsp.stop_client(vim.lsp.get_clients({ name = 'apigw-lsp' }), true)
  vim.cmd('only')
  require('apigw').setup({ cmd = { dir .. '/no-such-apigw-lsp' } })
  notes = {}
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/other.apigw.yaml'))
  vim.cmd('ApigwPreview')
  vim.wait(300)
  local all = table.concat(notes, '\n')
  assert(all:find('no-such-apigw-lsp', 1, true) and all:find('cargo install', 1, true), 'messages: ' .. all)
  assert(#vim.api.nvim_list_wins() == 1, #vim.api.nvim_list_wins() .. ' windows')
end)

io.stdout:write(string.format('\n%d passed, %d failed\n', passed, failed))
vim.cmd((failed == 0) and 'qall!' or 'cquit! 1')
