import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { setValue } from '../line-edits.ts';

/** What a URL-like mx value has besides its host: `a scheme`, `a user`, `a port`, `a path`. */
function decorations(value: string): string[] {
  const parts: string[] = [];
  let rest = value;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme) {
    parts.push('a scheme');
    rest = rest.slice(scheme[0].length);
  }
  const cut = rest.search(/[/?#]/);
  const tail = cut >= 0 ? rest.slice(cut) : '';
  if (cut >= 0) rest = rest.slice(0, cut);
  if (rest.includes('@')) {
    parts.push('a user');
    rest = rest.slice(rest.lastIndexOf('@') + 1);
  }
  if (rest.includes(':')) parts.push('a port');
  // A lone trailing `/` is not worth naming.
  if (tail.length > 1) parts.push('a path');
  return parts;
}

export const mxNotHost: Rule<PolicyContext> = {
  code: 'policy/mx-not-host',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'An mx pattern is a bare host name: no scheme, user, port or path.',
  fixable: true,
  check(ctx, report) {
    if (!ctx.policy.shapes.mx.has('not-host')) return;
    for (const line of ctx.policy.mxWith('not-host')) {
      const check = line.mxCheck;
      if (check.kind !== 'not-host' || line.hasControl) continue;
      const v = line.valueText;
      const parts = decorations(v);
      const what = parts.length > 0 ? parts.join(', ').replace(/, ([^,]*)$/, ' and $1') : 'more than a host name';
      const fixes =
        check.host === ''
          ? []
          : [{ title: `Write ${quote(check.host)}`, edits: [setValue(line, check.host)], isPreferred: !check.hadUser }];
      report({
        range: line.value,
        message: `mx ${quote(v)} has ${what}: an mx pattern is a host name only, and senders match this one against no MX host; ${check.host === '' ? 'write the MX host name' : `write ${quote(check.host)}`}`,
        fixes,
      });
    }
  },
};
