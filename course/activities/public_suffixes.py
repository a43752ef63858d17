"""A small offline excerpt of the Public Suffix List, shipped so nothing is fetched at run time.

The Public Suffix List (https://publicsuffix.org, Mozilla Public License 2.0) names the endings
under which anyone may register a domain: ``fr``, ``gouv.fr``, ``co.uk``... The registered
domain of a host is its public suffix plus one label. This excerpt keeps the endings a French or
English learner meets; an ending not listed falls back to the list's default rule (the last
label is the suffix), which is what browsers do too.
"""

from __future__ import annotations

PUBLIC_SUFFIXES: frozenset[str] = frozenset("""
com org net edu gov mil int info biz name pro mobi app dev io ai co me tv cc ws
xyz top online site shop store club live link click space website tech icu vip buzz
fr re gp mq gf yt pm nc pf wf tf
gouv.fr asso.fr com.fr tm.fr nom.fr prd.fr presse.fr
be ch lu mc ca de es it pt nl eu uk ie us ru cn jp br in au ma dz tn sn ci cm
co.uk org.uk ac.uk gov.uk ltd.uk plc.uk me.uk net.uk nhs.uk police.uk sch.uk
com.au net.au org.au gov.au edu.au
qc.ca on.ca gc.ca
co.ma gov.ma co.jp ne.jp or.jp com.br gov.br com.cn gov.cn co.in gov.in
github.io gitlab.io blogspot.com netlify.app vercel.app herokuapp.com web.app firebaseapp.com
pages.dev workers.dev wixsite.com wordpress.com azurewebsites.net cloudfront.net
""".split())
