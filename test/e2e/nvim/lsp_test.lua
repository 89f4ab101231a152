-- Neovim as a second, non-VS Code LSP client of the Wenfeng server (`node dist/cli.js lsp --stdio`).
-- Opens a Chinese draft, checks the published diagnostics with their columns (Neovim keeps byte columns,
-- the server speaks UTF-16), requests a quick fix and applies it, checks that the diagnostics are
-- re-published for the edited text, then applies the fix-all source action.
--
-- Works with Neovim 0.7 (Debian bookworm), which has no vim.lsp.start and no `nvim -l`:
--   WENFENG_CLI=dist/cli.js WENFENG_FILE=test/fixtures/workspace/essay.txt \
--     nvim --headless -u NONE -i NONE -n -c 'luafile test/e2e/nvim/lsp_test.lua'
-- scripts/e2e-nvim.mjs runs it that way. Exit code 0 when every check passed, 1 otherwise. The buffer is
-- never written, so the fixture stays as it is.
local cli = os.getenv('WENFENG_CLI') or 'dist/cli.js'
local file = os.getenv('WENFENG_FILE') or 'test/fixtures/workspace/essay.txt'
local node = os.getenv('WENFENG_NODE') or 'node'
local TIMEOUT = tonumber(os.getenv('WENFENG_NVIM_TIMEOUT_MS') or '') or 15000

local HALFWIDTH, PINYIN = 'punctuation/halfwidth', 'script/pinyin-annotation'
local LINE2_FIXED = '新时代的青年干部要发扬“螺丝钉”精神，锻造过硬品格。'
local LINE4_FIXED = '在平凡岗位上，我们要关注群众的急难愁盼，把每一件小事办实办好。'

local passes, failures = 0, 0
local function out(s) io.stdout:write(s .. '\n') end
local function check(ok, what, detail)
  if ok then
    passes = passes + 1
    out('ok   ' .. what)
  else
    failures = failures + 1
    out('FAIL ' .. what .. (detail and (': ' .. detail) or ''))
  end
  return ok
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

-- Diagnostics of one rule, sorted by position.
local function of_rule(diags, rule)
  local r = vim.tbl_filter(function(d) return code_of(d) == rule end, diags)
  table.sort(r, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return r
end

local function summary(diags)
  local parts = {}
  for _, d in ipairs(diags) do
    table.insert(parts, string.format('%s@%d:%d-%d:%d', tostring(code_of(d)), d.lnum, d.col, d.end_lnum, d.end_col))
  end
  return #parts > 0 and table.concat(parts, ', ') or '(none)'
end

local function line(buf, n) return vim.api.nvim_buf_get_lines(buf, n, n + 1, false)[1] or '' end

-- Checks the ranges of one rule. `expected` holds { line, utf16_start, utf16_end, byte_start, byte_end, text }.
local function check_ranges(buf, diags, rule, expected)
  local got = of_rule(diags, rule)
  if not check(#got == #expected, string.format('%d %s diagnostic(s)', #expected, rule), 'got ' .. summary(got)) then
    return
  end
  for i, e in ipairs(expected) do
    local d = got[i]
    local l = line(buf, e[1])
    -- The server sent UTF-16 columns; Neovim converted them to bytes. Both must land on the same text.
    local from_utf16 = { vim.str_byteindex(l, e[2], true), vim.str_byteindex(l, e[3], true) }
    check(d.lnum == e[1] and d.col == e[4] and d.end_col == e[5]
        and from_utf16[1] == e[4] and from_utf16[2] == e[5] and l:sub(d.col + 1, d.end_col) == e[6],
      string.format('%s at line %d, UTF-16 %d-%d = bytes %d-%d = "%s"', rule, e[1], e[2], e[3], e[4], e[5], e[6]),
      string.format('got line %d bytes %d-%d "%s"', d.lnum, d.col, d.end_col, l:sub(d.col + 1, d.end_col)))
  end
end

-- vim.diagnostic keeps byte columns, and in 0.7 drops the LSP range (its own conversion back sends byte
-- columns as characters): rebuild the LSP diagnostic with UTF-16 columns for the codeAction context.
local function to_lsp(buf, d)
  local lsp = vim.deepcopy((d.user_data and d.user_data.lsp) or {})
  lsp.range = {
    start = { line = d.lnum, character = select(2, vim.str_utfindex(line(buf, d.lnum), d.col)) },
    ['end'] = { line = d.end_lnum, character = select(2, vim.str_utfindex(line(buf, d.end_lnum), d.end_col)) },
  }
  lsp.code, lsp.message, lsp.severity, lsp.source = code_of(d), d.message, d.severity, d.source
  return lsp
end

local function code_actions(buf, range, diagnostics, only)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = range,
    context = { diagnostics = diagnostics, only = only },
  }
  local res, err = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, TIMEOUT)
  local actions = {}
  for _, r in pairs(res or {}) do
    if r.error then out('codeAction error: ' .. vim.inspect(r.error)) end
    for _, a in ipairs(r.result or {}) do table.insert(actions, a) end
  end
  if err then out('codeAction request: ' .. tostring(err)) end
  return actions
end

local function titles(actions)
  return table.concat(vim.tbl_map(function(a) return a.title end, actions), ' | ')
end

local client_id
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'text'
  client_id = vim.lsp.start_client({
    name = 'wenfeng',
    cmd = { node, cli, 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    -- Answers the server's workspace/configuration requests for the section 'wenfeng'. Neovim's language
    -- id of a .txt buffer is its filetype 'text', which the server's default `languages` (VS Code's ids
    -- markdown, plaintext, wenfeng-essay) leaves out: without 'text' here the server publishes nothing.
    settings = { wenfeng = { messageLanguage = 'zh-cn', debounce = 50, languages = { 'text', 'markdown', 'plaintext' } } },
    init_options = { workspaceTrusted = true },
    -- Neovim 0.7 answers workspace/configuration but does not announce it (0.8 does); the server only pulls
    -- settings from clients that announce it, and ignores the settings of didChangeConfiguration.
    capabilities = vim.tbl_deep_extend('force', vim.lsp.protocol.make_client_capabilities(), { workspace = { configuration = true } }),
    on_exit = function(code, signal)
      if code ~= 0 then out(string.format('server exited with code %d, signal %d', code, signal)) end
    end,
  })
  if not check(client_id ~= nil, 'language server started: ' .. node .. ' ' .. cli .. ' lsp --stdio') then return end
  vim.lsp.buf_attach_client(buf, client_id)

  -- 1. Diagnostics of the file as it is on disk.
  local ready = vim.wait(TIMEOUT, function()
    local ds = vim.diagnostic.get(buf)
    return #of_rule(ds, HALFWIDTH) == 3 and #of_rule(ds, PINYIN) == 1
  end, 50)
  local diags = vim.diagnostic.get(buf)
  if not check(ready, 'diagnostics published', 'got ' .. summary(diags)) then return end
  for _, d in ipairs(diags) do
    out(string.format('     %s %d:%d-%d (bytes) %s', tostring(code_of(d)), d.lnum, d.col, d.end_col, d.message))
  end
  check_ranges(buf, diags, HALFWIDTH, {
    { 2, 18, 19, 54, 55, ',' },
    { 4, 6, 7, 18, 19, ',' },
    { 4, 25, 26, 62, 63, ',' },
  })
  check_ranges(buf, diags, PINYIN, { { 4, 11, 17, 31, 38, '(guān)' } })
  check(vim.tbl_filter(function(d) return d.source ~= 'wenfeng' end, diags)[1] == nil, 'every diagnostic has the source wenfeng')

  -- 2. Quick fix of the half-width comma on line 2.
  local target = of_rule(diags, HALFWIDTH)[1]
  local lsp_target = to_lsp(buf, target)
  check(vim.deep_equal(lsp_target.range, { start = { line = 2, character = 18 }, ['end'] = { line = 2, character = 19 } }),
    'byte columns converted back to UTF-16 for the request', vim.inspect(lsp_target.range))
  local actions = code_actions(buf, lsp_target.range, { lsp_target }, { 'quickfix' })
  local fix
  for _, a in ipairs(actions) do
    local edits = a.edit and a.edit.changes and a.edit.changes[vim.uri_from_bufnr(buf)] or {}
    if #edits == 1 and edits[1].newText == '，' and vim.deep_equal(edits[1].range, lsp_target.range) then
      fix = fix or a
    end
  end
  if not check(fix ~= nil, 'quick fix offered for the comma on line 2', 'offered: ' .. titles(actions)) then return end
  out('     applying: ' .. fix.title)
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  check(line(buf, 2) == LINE2_FIXED, 'quick fix applied to line 2', line(buf, 2))

  -- 3. The edit went to the server as didChange; it must re-publish diagnostics for the new text.
  ready = vim.wait(TIMEOUT, function()
    local hw = of_rule(vim.diagnostic.get(buf), HALFWIDTH)
    return #hw == 2 and hw[1].lnum == 4
  end, 50)
  diags = vim.diagnostic.get(buf)
  check(ready, 'diagnostics re-published after the quick fix', 'got ' .. summary(diags))
  check_ranges(buf, diags, HALFWIDTH, { { 4, 6, 7, 18, 19, ',' }, { 4, 25, 26, 62, 63, ',' } })
  check_ranges(buf, diags, PINYIN, { { 4, 11, 17, 31, 38, '(guān)' } })

  -- 4. Fix all (source.fixAll.wenfeng) for the rest.
  local whole = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(buf), character = 0 } }
  actions = code_actions(buf, whole, {}, { 'source.fixAll.wenfeng' })
  local fix_all = vim.tbl_filter(function(a) return a.kind == 'source.fixAll.wenfeng' end, actions)[1]
  if not check(fix_all ~= nil and fix_all.edit ~= nil, 'source.fixAll.wenfeng offered', 'offered: ' .. titles(actions)) then return end
  vim.lsp.util.apply_workspace_edit(fix_all.edit, 'utf-16')
  check(line(buf, 4) == LINE4_FIXED, 'fix all applied to line 4', line(buf, 4))
  ready = vim.wait(TIMEOUT, function()
    local ds = vim.diagnostic.get(buf)
    return #of_rule(ds, HALFWIDTH) == 0 and #of_rule(ds, PINYIN) == 0
  end, 50)
  check(ready, 'no half-width or pinyin diagnostics after fix all', 'got ' .. summary(vim.diagnostic.get(buf)))
end)
if not ok then
  failures = failures + 1
  out('FAIL the script stopped with an error: ' .. tostring(err))
end

-- Shut the server down (shutdown + exit) and wait for it, so that no process is left behind.
if client_id then
  vim.lsp.stop_client(client_id)
  local stopped = vim.wait(5000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c == nil or c.is_stopped()
  end, 50)
  if not stopped then
    vim.lsp.stop_client(client_id, true)
  end
end
out(string.format('%d passed, %d failed', passes, failures))
vim.cmd(failures == 0 and 'qa!' or 'cq!')
