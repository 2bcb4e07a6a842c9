import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { badDirective } from './bad-directive.ts';
import { badIpv4 } from './bad-ipv4.ts';
import { badIpv6 } from './bad-ipv6.ts';
import { badRdata } from './bad-rdata.ts';
import { badTtl } from './bad-ttl.ts';
import { cnameAndOtherData } from './cname-and-other-data.ts';
import { danePresent } from './dane-present.ts';
import { duplicateRecord } from './duplicate-record.ts';
import { includeFailed } from './include-failed.ts';
import { missingGlue } from './missing-glue.ts';
import { missingOwner } from './missing-owner.ts';
import { missingRdata } from './missing-rdata.ts';
import { missingTtl } from './missing-ttl.ts';
import { mxPreference } from './mx-preference.ts';
import { nameLength } from './name-length.ts';
import { nsApex } from './ns-apex.ts';
import { outOfZone } from './out-of-zone.ts';
import { rrsetTtl } from './rrset-ttl.ts';
import { soa } from './soa.ts';
import { stsMultipleRecords } from './sts-multiple-records.ts';
import { stsWithoutPolicyHost } from './sts-without-policy-host.ts';
import { stsWithoutTlsRpt } from './sts-without-tlsrpt.ts';
import { targetIsAddress } from './target-is-address.ts';
import { targetIsCname } from './target-is-cname.ts';
import { tlsRptMultipleRecords } from './tlsrpt-multiple-records.ts';
import { txtCutAtSemicolon } from './txt-cut-at-semicolon.ts';
import { txtStringTooLong } from './txt-string-too-long.ts';
import { txtUnrelated } from './txt-unrelated.ts';
import { unbalancedParen } from './unbalanced-paren.ts';
import { unknownOrigin } from './unknown-origin.ts';
import { unknownType } from './unknown-type.ts';
import { unterminatedString } from './unterminated-string.ts';

/** Zone file rules: syntax first, then each record's data, then the zone as a whole, then its mail records. */
export const zoneRules: readonly Rule<ZoneContext>[] = [
  unbalancedParen,
  unterminatedString,
  badDirective,
  includeFailed,
  unknownOrigin,
  missingOwner,
  badTtl,
  missingTtl,
  unknownType,
  missingRdata,
  badIpv4,
  badIpv6,
  mxPreference,
  badRdata,
  txtStringTooLong,
  nameLength,
  soa,
  nsApex,
  outOfZone,
  cnameAndOtherData,
  targetIsCname,
  targetIsAddress,
  missingGlue,
  rrsetTtl,
  duplicateRecord,
  txtCutAtSemicolon,
  stsMultipleRecords,
  tlsRptMultipleRecords,
  txtUnrelated,
  stsWithoutPolicyHost,
  stsWithoutTlsRpt,
  danePresent,
];
