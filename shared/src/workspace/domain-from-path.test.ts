import { describe, expect, it } from 'vitest';
import { policyDomainFromPath } from './domain-from-path.ts';

describe('policyDomainFromPath', () => {
  it('reads the domain from a web root named after the policy host', () => {
    expect(policyDomainFromPath('/srv/www/mta-sts.example.com/.well-known/mta-sts.txt')).toBe('example.com');
    expect(policyDomainFromPath('sites\\mta-sts.Example.ORG\\.well-known\\mta-sts.txt')).toBe('example.org');
  });

  it('reads the domain from a folder named after it', () => {
    expect(policyDomainFromPath('/home/ops/dns/example.com/mta-sts.txt')).toBe('example.com');
    expect(policyDomainFromPath('examples/good.example/mta-sts.txt')).toBe('good.example');
    expect(policyDomainFromPath('policies/mta-sts.mail.example.co.uk/mta-sts.txt')).toBe('mail.example.co.uk');
    expect(policyDomainFromPath('example.com/.well-known/mta-sts.txt')).toBe('example.com');
  });

  it('reads the domain from a file named after it', () => {
    expect(policyDomainFromPath('/etc/sts/example.com.mta-sts')).toBe('example.com');
    expect(policyDomainFromPath('policies/example.net.mta-sts.txt')).toBe('example.net');
    expect(policyDomainFromPath('xn--bcher-kva.example.mta-sts')).toBe('xn--bcher-kva.example');
  });

  it('gives null when the path does not name a domain', () => {
    expect(policyDomainFromPath('mta-sts.txt')).toBeNull();
    expect(policyDomainFromPath('./mta-sts.txt')).toBeNull();
    expect(policyDomainFromPath('/srv/policy/mta-sts.txt')).toBeNull();
    expect(policyDomainFromPath('/srv/www/.well-known/mta-sts.txt')).toBeNull();
    expect(policyDomainFromPath('/tmp/tmp.x1y2z3/mta-sts.txt')).toBeNull();
    expect(policyDomainFromPath('/releases/v1.2/mta-sts.txt')).toBeNull();
    expect(policyDomainFromPath('/srv/example.com/policy.txt')).toBeNull();
    expect(policyDomainFromPath('/srv/-bad-.com/mta-sts.txt')).toBeNull();
    expect(policyDomainFromPath('.mta-sts')).toBeNull();
    expect(policyDomainFromPath('')).toBeNull();
  });
});
