"""Generate each addon's README.rst from its readme/*.md fragments and its manifest.

This is the project's stand-in for OCA's ``oca-gen-addon-readme`` hook (OCA maintainer-tools),
which the OCA repository template runs from its git repository: maintainer-tools is not
published on PyPI (``pip download oca-maintainers-tools`` finds no distribution) and this
project's pre-commit hooks install from package registries only. It builds README.rst the
same way:

- the Markdown fragments (GitHub-flavoured, raw HTML off) are converted to reStructuredText
  by pandoc (PyPI ``pypandoc-binary``), with OCA's heading shift (Contributors and Credits one
  level lower);
- OCA's layout: title, maturity / license / repository badges, DESCRIPTION, the Alpha
  warning, a table of contents, then Use Cases / Context, Installation, Configuration,
  Usage, Development, Known issues / Roadmap, Changelog, Bug Tracker and Credits (Authors,
  Contributors, Other credits, Maintainers);
- the result must be valid reStructuredText (docutils, warnings are errors), and with
  ``--gen-html`` static/description/index.html is rendered from it.

Differences from OCA's tool: no OCA banner, Weblate or Runboat badges (this is not an OCA
repository) and no "source digest" comment: the README is regenerated on every run and
compared, so a hand-edited or stale README.rst is always caught.

As a pre-commit hook it rewrites the files that differ (pre-commit then fails, listing
them); ``--check`` only reports them and exits 1.
"""

import argparse
import ast
import difflib
import re
import sys
from pathlib import Path

FRAGMENTS_DIR = "readme"
# Fragment name -> heading level of its section (2: "=" section, 3: "-" subsection of Credits).
FRAGMENTS = {
    "DESCRIPTION": 2,
    "CONTEXT": 2,
    "INSTALL": 2,
    "CONFIGURE": 2,
    "USAGE": 2,
    "ROADMAP": 2,
    "DEVELOP": 2,
    "CONTRIBUTORS": 3,
    "CREDITS": 3,
    "HISTORY": 2,
}
SECTIONS = [
    ("CONTEXT", "Use Cases / Context"),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("DEVELOP", "Development"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("HISTORY", "Changelog"),
]
STATUS_URL = "https://odoo-community.org/page/development-status"
STATUS_BADGES = {
    "mature": ("Mature", "brightgreen"),
    "production/stable": ("Production%2FStable", "green"),
    "beta": ("Beta", "yellow"),
    "alpha": ("Alpha", "red"),
}
LICENSE_BADGES = {
    "AGPL-3": "http://www.gnu.org/licenses/agpl-3.0-standalone.html",
    "LGPL-3": "http://www.gnu.org/licenses/lgpl-3.0-standalone.html",
    "GPL-3": "http://www.gnu.org/licenses/gpl-3.0-standalone.html",
}
# GitHub-flavoured Markdown without raw HTML and without automatic heading identifiers
# (the same pandoc input format as OCA's tool).
PANDOC_MARKDOWN_FORMAT = "gfm-raw_html-gfm_auto_identifiers"
# docutils settings of OCA's tool (from pypa/readme_renderer): warnings stop the rendering.
RST2HTML_SETTINGS = {
    "file_insertion_enabled": False,
    "halt_level": 2,
    "math_output": "MathJax",
    "raw_enabled": False,
    "smart_quotes": True,
    "syntax_highlight": "short",
    "xml_declaration": False,
    "output_encoding": "utf-8",
}
IMAGE_RE = re.compile(r".*\s*\.\..* (figure|image)::\s+(?P<path>.*?)\s*$")


def md_to_rst(text, level):
    import pypandoc

    return pypandoc.convert_text(
        text,
        to="rst",
        format=PANDOC_MARKDOWN_FORMAT,
        extra_args=[f"--shift-heading-level-by={level - 2}"],
        sandbox=True,
    )


def fragment(addon_dir, name, raw_base):
    path = addon_dir / FRAGMENTS_DIR / f"{name}.md"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        return None
    lines = md_to_rst(text, FRAGMENTS[name]).splitlines(keepends=True)
    # Relative figures point at the addon's files in the repository, as in OCA's tool.
    for index, line in enumerate(lines):
        match = IMAGE_RE.match(line)
        if match and not match["path"].startswith("http") and raw_base:
            relative = match["path"].replace("../", "")
            lines[index] = line.replace(match["path"], raw_base + relative)
    rst = "".join(lines).rstrip("\n") + "\n"
    return rst


def heading(title, char):
    return f"{title}\n{char * len(title)}\n\n"


def make_badges(manifest, name, org, repo, branch):
    """(image, target, alt) of the maturity, license and repository badges."""
    badges = []
    status = manifest.get("development_status", "Beta")
    if status.lower() in STATUS_BADGES:
        label, color = STATUS_BADGES[status.lower()]
        badges.append(
            (f"https://img.shields.io/badge/maturity-{label}-{color}.png", STATUS_URL, status)
        )
    license_ = manifest.get("license")
    if license_ in LICENSE_BADGES:
        badges.append(
            (
                "https://img.shields.io/badge/license-{}-blue.png".format(
                    license_.replace("-", "--")
                ),
                LICENSE_BADGES[license_],
                f"License: {license_}",
            )
        )
    if org and repo:
        # shields.io: "-" and "_" are written doubled
        shield = "{}%2F{}".format(
            org.replace("-", "--").replace("_", "__"), repo.replace("-", "--").replace("_", "__")
        )
        badges.append(
            (
                f"https://img.shields.io/badge/github-{shield}-lightgray.png?logo=github",
                f"https://github.com/{org}/{repo}/tree/{branch}/addons/{name}",
                f"{org}/{repo}",
            )
        )
    return badges


def render_credits(manifest, fragments, name, repo_url, branch):
    out = [heading("Credits", "=")]
    authors = [a.strip() for a in manifest.get("author", "").split(",") if a.strip()]
    if authors:
        out.append(heading("Authors", "-") + "".join(f"* {a}\n" for a in authors) + "\n")
    if "CONTRIBUTORS" in fragments:
        out.append(heading("Contributors", "-") + fragments["CONTRIBUTORS"] + "\n")
    if "CREDITS" in fragments:
        out.append(heading("Other credits", "-") + fragments["CREDITS"] + "\n")
    out.append(heading("Maintainers", "-"))
    maintainers = manifest.get("maintainers") or []
    if maintainers:
        for login in maintainers:
            out.append(
                f".. |maintainer-{login}| image:: https://github.com/{login}.png?size=40px\n"
                f"    :target: https://github.com/{login}\n"
                f"    :alt: {login}\n"
            )
        plural = "s" if len(maintainers) > 1 else ""
        out.append(f"\nCurrent maintainer{plural}:\n\n")
        out.append(" ".join(f"|maintainer-{login}|" for login in maintainers) + "\n\n")
    if repo_url:
        project = repo_url.removeprefix("https://github.com/")
        out.append(
            f"This module is part of the `{project} <{repo_url}/tree/{branch}/addons/{name}>`_"
            " project on GitHub.\n\n"
        )
    out.append("You are welcome to contribute.\n")
    return "".join(out)


def render(addon_dir, manifest, org, repo, branch):
    name = addon_dir.name
    repo_url = f"https://github.com/{org}/{repo}" if org and repo else ""
    raw_base = (
        f"https://raw.githubusercontent.com/{org}/{repo}/{branch}/addons/{name}/"
        if repo_url
        else ""
    )
    fragments = {}
    for fragment_name in FRAGMENTS:
        rst = fragment(addon_dir, fragment_name, raw_base)
        if rst:
            fragments[fragment_name] = rst

    title = manifest["name"]
    out = [
        "=" * len(title) + "\n",
        title + "\n",
        "=" * len(title) + "\n\n",
        "..\n",
        "   !! This file is generated by tools/gen_addon_readme.py from readme/*.md\n",
        "   !! and __manifest__.py: edit those, then run `make fmt` (or pre-commit).\n\n",
    ]
    badges = make_badges(manifest, name, org, repo, branch)
    for number, (image, target, alt) in enumerate(badges, 1):
        out.append(f".. |badge{number}| image:: {image}\n")
        out.append(f"    :target: {target}\n")
        out.append(f"    :alt: {alt}\n")
    if badges:
        out.append("\n" + " ".join(f"|badge{n}|" for n in range(1, len(badges) + 1)) + "\n\n")
    if "DESCRIPTION" in fragments:
        out.append(fragments["DESCRIPTION"] + "\n")
    if manifest.get("development_status", "Beta").lower() == "alpha":
        out.append(
            ".. IMPORTANT::\n"
            "   This is an alpha version, the data model and design can change at any time"
            " without warning.\n"
            "   Only for development or testing purpose, do not use in production.\n"
            f"   `More details on development status <{STATUS_URL}>`_\n\n"
        )
    out.append("**Table of contents**\n\n.. contents::\n   :local:\n\n")
    for fragment_name, section_title in SECTIONS:
        if fragment_name in fragments:
            out.append(heading(section_title, "=") + fragments[fragment_name] + "\n")
    if repo_url:
        out.append(
            heading("Bug Tracker", "=")
            + f"Bugs are tracked on `GitHub Issues <{repo_url}/issues>`_.\n"
            "In case of trouble, please check there if your issue has already been reported.\n\n"
        )
    out.append(render_credits(manifest, fragments, name, repo_url, branch))
    return "".join(out)


def rst_to_html(rst, source_name):
    from docutils.core import publish_string

    html = publish_string(
        source=rst,
        source_path=source_name,
        writer_name="html4css1",
        settings_overrides=RST2HTML_SETTINGS,
    )
    # No docutils version in the page, so that upgrading docutils changes nothing.
    return re.sub(rb"(<meta.*generator.*Docutils)\s*[\d.]+", rb"\1", html).decode("utf-8")


def update(path, content, check, changed):
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if old == content:
        return
    changed.append(path)
    if check:
        diff = difflib.unified_diff(
            old.splitlines(keepends=True),
            content.splitlines(keepends=True),
            f"{path} (committed)",
            f"{path} (generated)",
            n=1,
        )
        sys.stdout.writelines(list(diff)[:200])
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addons-dir", default="addons", type=Path)
    parser.add_argument("--org-name", default="", help="GitHub organisation, e.g. OCA")
    parser.add_argument("--repo-name", default="", help="GitHub repository, e.g. sale-workflow")
    parser.add_argument("--branch", default="19.0")
    parser.add_argument(
        "--gen-html",
        action="store_true",
        help="also render static/description/index.html (as OCA's tool does by default)",
    )
    parser.add_argument("--check", action="store_true", help="write nothing, exit 1 if stale")
    args = parser.parse_args(argv)

    changed = []
    for manifest_path in sorted(args.addons_dir.glob("*/__manifest__.py")):
        addon_dir = manifest_path.parent
        manifest = ast.literal_eval(manifest_path.read_text(encoding="utf-8"))
        if not manifest.get("installable", True):
            continue
        if not (addon_dir / FRAGMENTS_DIR / "DESCRIPTION.md").is_file():
            continue
        rst = render(addon_dir, manifest, args.org_name, args.repo_name, args.branch)
        readme = addon_dir / "README.rst"
        # Invalid reStructuredText stops here (docutils raises on warnings and errors).
        html = rst_to_html(rst, str(readme))
        update(readme, rst, args.check, changed)
        if args.gen_html and manifest.get("preloadable", True):
            update(addon_dir / "static" / "description" / "index.html", html, args.check, changed)
    for path in changed:
        print(f"{'stale' if args.check else 'rewrote'}: {path}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
