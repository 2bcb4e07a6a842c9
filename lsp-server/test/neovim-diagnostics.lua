-- Headless Neovim as a second, independent LSP client of the built server (driven by neovim.test.ts).
-- Neovim 0.7 API (Debian 12): vim.lsp.start_client + vim.lsp.buf_attach_client; vim.lsp.start is 0.8+.
-- Env: STS_LENS_NODE (node binary), STS_LENS_SERVER (dist/server.js), STS_LENS_FILE (file to open),
-- STS_LENS_FILETYPE (language id sent to the server), STS_LENS_OUT (JSON written here).
local env = function(name)
  local v = os.getenv(name)
  if v == nil or v == '' then error('missing ' .. name) end
  return v
end
local out = env('STS_LENS_OUT')

local function finish(result)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local file = env('STS_LENS_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_option(bufnr, 'filetype', env('STS_LENS_FILETYPE'))
  local uri = vim.uri_from_bufnr(bufnr)
  local published = nil
  local client_id = vim.lsp.start_client({
    name = 'sts-lens',
    cmd = { env('STS_LENS_NODE'), env('STS_LENS_SERVER'), '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    init_options = { settings = { debounceMs = 20 } },
    settings = { stsLens = { debounceMs = 20 } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
        if result.uri == uri then published = result end
      end,
    },
  })
  if client_id == nil then return finish({ error = 'vim.lsp.start_client gave no client' }) end
  vim.lsp.buf_attach_client(bufnr, client_id)
  if not vim.wait(15000, function() return published ~= nil end, 20) then
    return finish({ error = 'no publishDiagnostics within 15 s' })
  end
  local client = vim.lsp.get_client_by_id(client_id)
  -- What Neovim shows (vim.diagnostic, 0-based lines), beside what the server sent.
  local shown = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(shown, { code = d.code, lnum = d.lnum, col = d.col, severity = d.severity, source = d.source, message = d.message })
  end
  table.sort(shown, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  local result = {
    client = client and client.name or vim.NIL,
    uri = published.uri,
    published = published.diagnostics,
    shown = shown,
  }
  vim.lsp.stop_client(client_id)
  finish(result)
end)
if not ok then finish({ error = tostring(err) }) end
