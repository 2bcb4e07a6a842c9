// The STS Lens VS Code extension: starts the bundled language server (server/server.js) for policy and zone files,
// maps the `stsLens.*` settings to the server's configuration, shows the active document's verdict in the status bar
// and runs "STS Lens: Check domain…" with the core checker over the Node transports.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { checkDomain, checkResultText, couldNotCheck, domainFromInput } from '@sts-lens/shared';
import { checkSettings, checkTransports } from './check-settings.ts';
import launchEnv from '../../lsp-server/launch-env.json';
import { serverSettings } from './settings.ts';
import { documentStatus, IDLE_STATUS, type DocumentLanguage } from './status.ts';

const LANGUAGES: readonly DocumentLanguage[] = ['mta-sts', 'dns-zone'];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('STS Lens');
  context.subscriptions.push(output);

  const tellProblems = settingsProblemsTeller(output);
  const settingsFor = (scope: vscode.Uri | undefined) => {
    const config = vscode.workspace.getConfiguration('stsLens', scope);
    const mapped = serverSettings((key) => config.get(key));
    tellProblems('server', mapped.problems);
    return mapped.settings;
  };

  const module = context.asAbsolutePath('server/server.js');
  // The server's environment beside the host's (lsp-server/README.md, "Launch environment": glibc's malloc keeps the
  // memory of a large zone's texts for the next version).
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env: launchEnv } },
    debug: { module, transport: TransportKind.ipc, options: { env: launchEnv, execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // TLS-RPT reports stay JSON (VS Code's own JSON support keeps working); the server reads `*.tlsrpt.json` as reports.
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      { scheme: 'file', language: 'json', pattern: '**/*.tlsrpt.json' },
    ],
    outputChannel: output,
    initializationOptions: { settings: settingsFor(undefined) },
    middleware: {
      workspace: {
        // The server asks for the `stsLens` section; it gets the mapped settings of the scope it names.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) => (item.section === 'stsLens' ? settingsFor(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : answers[i]));
        },
      },
    },
  };
  client = new LanguageClient('stsLens', 'STS Lens', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem('stsLens.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'STS Lens';
  context.subscriptions.push(status);
  const updateStatus = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const language = doc && (LANGUAGES as readonly string[]).includes(doc.languageId) ? (doc.languageId as DocumentLanguage) : null;
    if (!doc || !language) {
      status.text = IDLE_STATUS.text;
      status.tooltip = IDLE_STATUS.tooltip;
      status.command = 'stsLens.checkDomain';
    } else {
      const own = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'sts-lens');
      const count = (s: vscode.DiagnosticSeverity) => own.filter((d) => d.severity === s).length;
      const s = documentStatus(language, doc.getText(), {
        errors: count(vscode.DiagnosticSeverity.Error),
        warnings: count(vscode.DiagnosticSeverity.Warning),
        infos: count(vscode.DiagnosticSeverity.Information),
      });
      status.text = s.text;
      status.tooltip = s.tooltip;
      // Reveal, never toggle: `workbench.actions.view.problems` would close the panel when it has the focus.
      status.command = 'workbench.panel.markers.view.focus';
    }
    status.show();
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) updateStatus();
    }),
  );
  updateStatus();

  context.subscriptions.push(vscode.commands.registerCommand('stsLens.checkDomain', () => checkDomainCommand(output, tellProblems)));

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** "STS Lens: Check domain…": ask for a domain (or URL, or address), check it live, print the result. */
async function checkDomainCommand(output: vscode.OutputChannel, tellProblems: ProblemsTeller): Promise<void> {
  const input = await vscode.window.showInputBox({
    title: 'STS Lens: Check domain',
    prompt: 'A domain, a URL or an e-mail address: its MTA-STS, TLS-RPT and MX hosts (STARTTLS) are checked live, as senders see them',
    placeHolder: 'example.com',
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (v.trim() === '') return null;
      const d = domainFromInput(v);
      return d.ok ? null : d.error;
    },
  });
  if (input === undefined || input.trim() === '') return;
  const parsed = domainFromInput(input);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(`STS Lens: cannot check \`${input}\`: ${parsed.error}`);
    return;
  }
  const config = vscode.workspace.getConfiguration('stsLens.check');
  const mapped = checkSettings((key) => config.get(key));
  tellProblems('check', mapped.problems);
  const transports = await checkTransports(mapped.settings);
  if ('error' in transports) {
    void vscode.window.showErrorMessage(`STS Lens: cannot check ${parsed.domain}: ${transports.error}`);
    return;
  }
  const { resolve, fetchPolicy, probeHttp, probeSmtp } = transports;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `STS Lens: checking ${parsed.domain} (lookups through ${transports.via})…` },
    () => checkDomain(input, { resolve, fetchPolicy, probeHttp, probeSmtp }),
  );
  // No lookup answered: the resolver is the problem, and nothing is known about the domain (no verdict).
  if (result.unreachable !== null) {
    void vscode.window.showErrorMessage(`STS Lens: ${couldNotCheck(result.domain, transports.via, result.unreachable)}`);
    return;
  }
  output.appendLine(checkResultText(result));
  output.show(true);
}

type ProblemsTeller = (group: string, problems: readonly string[]) => void;

/**
 * Settings that do not fit are named where the user looks: a warning with a button to the settings, once per
 * change, and every line in the output channel.
 */
function settingsProblemsTeller(output: vscode.OutputChannel): ProblemsTeller {
  const said = new Map<string, string>();
  return (group, problems) => {
    const text = problems.join('\n');
    if (said.get(group) === text) return;
    said.set(group, text);
    if (problems.length === 0) return;
    for (const p of problems) output.appendLine(`settings: ${p}`);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more in the STS Lens output)` : '';
    void vscode.window.showWarningMessage(`STS Lens: ${problems[0]}${more}`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', group === 'check' ? 'stsLens.check' : 'stsLens');
    });
  };
}
