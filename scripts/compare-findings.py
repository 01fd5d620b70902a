#!/usr/bin/env python3
"""Compares checkov's findings on open security groups and network ACLs with vpcanvas's own, for one design.

Usage: compare-findings.py DESIGN.json VALIDATE.json CHECKOV_TF.json CHECKOV_CFN.json

The checks compared (checkov id -> what it means -> vpcanvas's rule):
  CKV_AWS_24 / CKV_AWS_25   SSH / RDP open to 0.0.0.0/0 on a security group   -> sg-open-admin-port
  CKV_AWS_277               every port open to 0.0.0.0/0 on a security group  -> sg-open-all-ports
  CKV_AWS_232 / CKV_AWS_231 SSH / RDP open to 0.0.0.0/0 on a network ACL      -> nacl-open-admin-port
  CKV_AWS_260               HTTP (80) open to 0.0.0.0/0 on a security group   -> (none: see below)

Both sides are reduced to (resource id of the design, family) pairs; a pair on one side only is a difference, and
every difference must be one of the explained kinds below, or the comparison fails (exit 1):
  http-by-design     CKV_AWS_260: vpcanvas does not flag HTTP open to the world, which is what a web tier is for.
  default-acl        CKV_AWS_231/232 on a VPC's default network ACL: vpcanvas leaves AWS's default allow-all ACL to
                     the security groups (nacl-open-admin-port looks at custom ACLs only, see docs/rules.md).
  group-source       CKV_AWS_24/25/260/277 on a rule whose source is a security group (no address at all): checkov's
                     check takes a rule without cidr_ipv4 for an open one; vpcanvas is right that it is not.
  all-covers-admin   checkov's admin-port finding on a group vpcanvas reports as open on every port (its
                     sg-open-all-ports says so, and subsumes the admin ports).
  all-protocols      vpcanvas's sg-open-all-ports on a rule for every protocol (no ports at all): checkov's
                     CKV_AWS_277 looks only at rules that carry ports (aws_vpc_security_group_ingress_rule without
                     from_port, SecurityGroupIngress without FromPort), so it does not see this, the widest opening.
"""

import json
import re
import sys

FAMILY = {
    "CKV_AWS_24": "sg-admin", "CKV_AWS_25": "sg-admin", "CKV_AWS_277": "sg-all", "CKV_AWS_260": "sg-http",
    "CKV_AWS_231": "nacl-admin", "CKV_AWS_232": "nacl-admin",
}
RULE_FAMILY = {"sg-open-admin-port": "sg-admin", "sg-open-all-ports": "sg-all", "nacl-open-admin-port": "nacl-admin"}


def tf_name(i):
    n = "".join(c.lower() if c.isascii() and c.isalnum() else "_" for c in i)
    return n if n[:1].isalpha() else "r_" + n


def cfn_name(i):
    out, upper = "", True
    for c in i:
        if c.isascii() and c.isalnum():
            out += c.upper() if upper else c
            upper = False
        else:
            upper = True
    return out if out[:1].isalpha() else "R" + out


def failed(report):
    d = json.load(open(report))
    for part in d if isinstance(d, list) else [d]:
        for c in part.get("results", {}).get("failed_checks", []):
            if c["check_id"] in FAMILY:
                yield c["check_id"], c["resource"]


def main(design_path, validate_path, tf_path, cfn_path):
    design = json.load(open(design_path))
    groups = {g["id"]: g for g in design.get("security_groups", [])}
    acls = {a["id"]: a for a in design.get("network_acls", [])}
    ids = list(groups) + list(acls)
    by_tf = {tf_name(i): i for i in ids}
    by_cfn = {cfn_name(i): i for i in ids}

    ours = set()
    for diag in json.load(open(validate_path))["diagnostics"]:
        fam = RULE_FAMILY.get(diag["code"])
        if fam:
            ours.add((diag["resources"][0], fam))

    theirs = {}  # (id, family) -> [(check, resource, rule index or None, direction)]
    for path, kind in [(tf_path, "tf"), (cfn_path, "cfn")]:
        for check, resource in failed(path):
            _, _, name = resource.partition(".")
            rule = None
            if kind == "tf":
                m = re.match(r"(.+)_(ingress|egress)_(\d+)$", name)
                owner = by_tf.get(m.group(1)) if m else by_tf.get(name)
                if m:
                    rule = (m.group(2), int(m.group(3)) - 1)
            else:
                m = re.match(r"(.+?)(Ingress|Egress)(\d+)$", name)
                owner = by_cfn.get(m.group(1)) if m else by_cfn.get(name)
                if m:
                    rule = (m.group(2).lower(), int(m.group(3)) - 1)
                # A network ACL's entries are named after it: NetAclIn100.
                if owner is None:
                    m2 = re.match(r"(.+?)(In|Out)(\d+)$", name)
                    owner = by_cfn.get(m2.group(1)) if m2 else None
            if owner is None:
                print(f"  unmapped checkov finding {check} on {resource}")
                return 1
            theirs.setdefault((owner, FAMILY[check]), []).append((check, resource, rule))

    def explained(key, side):
        owner, fam = key
        if side == "checkov":
            if fam == "sg-http":
                return "http-by-design"
            if fam == "nacl-admin" and acls.get(owner, {}).get("is_default"):
                return "default-acl"
            if fam in ("sg-admin", "sg-all") and (owner, "sg-all") in ours:
                return "all-covers-admin"
            hits = theirs[key]
            g = groups.get(owner)
            if g and all(
                r is not None
                and "security_group" in (g.get("inbound" if r[0] == "ingress" else "outbound", [{}])[r[1]].get("peer", {}))
                for _, _, r in hits
            ):
                return "group-source"
        return None

    status = 0
    explained_count = {}
    for key in sorted(set(theirs) - ours):
        why = explained(key, "checkov")
        if why:
            explained_count[why] = explained_count.get(why, 0) + 1
        else:
            print(f"  checkov only: {key[0]} {key[1]} ({', '.join(sorted({c for c, _, _ in theirs[key]}))})")
            status = 1
    def explained_ours(key):
        owner, fam = key
        g = groups.get(owner)
        if fam == "sg-all" and g and any(
            r.get("protocol") == "all" and r.get("peer", {}).get("cidr") in ("0.0.0.0/0", "::/0") for r in g.get("inbound", [])
        ):
            return "all-protocols"
        return None

    for key in sorted(ours - set(theirs)):
        why = explained_ours(key)
        if why:
            explained_count[why] = explained_count.get(why, 0) + 1
        else:
            print(f"  vpcanvas only: {key[0]} {key[1]}")
            status = 1
    agreed = len(ours & set(theirs))
    notes = ", ".join(f"{k} {v}" for k, v in sorted(explained_count.items()))
    print(f"agree on {agreed}; explained differences: {notes or 'none'}" if status == 0 else "differences above")
    return status


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
