import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';

export const frontMatter: Rule<PolicyContext> = {
  code: 'policy/front-matter',
  kind: 'policy',
  severity: 'info',
  rfc: 'RFC 8461 §3.2',
  summary: 'A Jekyll / GitHub Pages front matter (`---` … `---`) on top of the policy\'s source file: the site serves what is below it, and that is what is linted.',
  fixable: false,
  check(ctx, report) {
    const fm = ctx.policy.frontMatter;
    if (fm === null) return;
    const first = ctx.policy.lines.at(0);
    const from = first ? first.fileLine + 1 : fm.lines + 1;
    const firstLine = ctx.text.indexOf('\n');
    report({
      range: { start: 0, end: firstLine < 0 ? 3 : firstLine > 0 && ctx.text.charCodeAt(firstLine - 1) === 13 ? firstLine - 1 : firstLine },
      message: `lines 1–${fm.lines} are front matter, which Jekyll (GitHub Pages) removes before serving the file: the policy senders fetch starts at line ${from}, and that is what is checked. Served as is, without Jekyll, the \`---\` lines would make senders reject the policy: check what https://mta-sts.<domain>/.well-known/mta-sts.txt serves with \`sts-lens check\``,
    });
  },
};
