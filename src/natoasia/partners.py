"""NATO's partners in Asia and the Pacific: milestones, contributions and coded constraints.

Three curated tables feed notebook ``02_global_partners_constraints``:

- ``partner_milestones``: frameworks and dated milestones per partner, from the seed
  documents and a compiled list of NATO partnership texts; conflicting dates are kept and
  share a ``conflict_group``;
- ``partner_contributions``: contributions to NATO-led (and related) operations, each dated,
  with press-reported ISAF troop figures flagged;
- ``constraints``: every constraint on the partnerships the five documents name, coded by
  side and category (``data/CODEBOOK_constraints.md``).

This module turns them into the notebook's timeline, document x constraint matrix and
persistence table. Dates known only to the year or month are placed at the middle of what is
known (``natoasia.events.decimal_year``), never at a day the source does not give.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D

from natoasia import data, events, plotting
from natoasia.prose import count_noun, date_words, join_words, number_word
from natoasia.sources import document_labels

MILESTONES, CONTRIBUTIONS, CONSTRAINTS, EXERCISES = (
    "partner_milestones", "partner_contributions", "constraints", "exercise_options")

# Codebook order: NATO- and Ally-side mechanisms first, then partner-side, then external.
CATEGORIES = [
    "resources", "capability", "competing_priorities", "consensus", "strategy", "leadership",
    "mandate", "partnership_framework", "geography_access", "partner_capacity",
    "partner_interest", "coordination", "competing_frameworks", "national_agendas",
    "expertise", "external_environment",
]
SIDES = ["nato_institutions", "allies", "united_states", "partners", "external"]
SCOPES = ["asia_pacific", "asia_general", "central_asia", "china"]
# Scopes that bear on the Asia-Pacific partnerships (Central Asia is notebook 01's subject).
PARTNERSHIP_SCOPES = ["asia_pacific", "asia_general", "china"]

# Instruments grouped into four families for the timeline's markers and colours.
INSTRUMENT_FAMILIES = {
    "Contacts and dialogue": ["first_contact", "strategic_dialogue", "high_level_visit",
                              "military_dialogue", "partnership_general"],
    "Partnership programmes": ["official_relationship", "tailored_cooperation",
                               "partner_across_the_globe", "ipcp", "itpp"],
    "Political declarations": ["joint_political_declaration"],
    "Summits and offices": ["summit_participation", "liaison_office"],
}
FAMILY_OFFSET = {  # small vertical offsets so families on the same date do not hide each other
    "Contacts and dialogue": -0.18, "Partnership programmes": -0.06,
    "Political declarations": 0.06, "Summits and offices": 0.18,
}
FAMILY_STYLE = {  # marker, colour (Okabe-Ito)
    "Contacts and dialogue": ("o", plotting.OKABE_ITO["sky_blue"]),
    "Partnership programmes": ("s", plotting.OKABE_ITO["blue"]),
    "Political declarations": ("D", plotting.OKABE_ITO["vermillion"]),
    "Summits and offices": ("^", plotting.OKABE_ITO["green"]),
}
# Instruments whose event date is a signature or formal agreement (a "signed programme").
SIGNED_INSTRUMENTS = ["ipcp", "itpp", "joint_political_declaration"]


def family_of(instrument: str) -> str:
    for family, members in INSTRUMENT_FAMILIES.items():
        if instrument in members:
            return family
    raise KeyError(f"instrument {instrument!r} is in no family; known: "
                   f"{', '.join(i for m in INSTRUMENT_FAMILIES.values() for i in m)}")


def seed_document_table(sources: pd.DataFrame) -> pd.DataFrame:
    """The seed documents, oldest first: source_id, published, year and the label every
    notebook gives them (:func:`natoasia.sources.document_labels`)."""
    docs = sources[sources["kind"] == "seed_document"].copy()
    docs["year"] = docs["published"].str[:4].astype(int)
    docs = docs.sort_values(["published", "source_id"]).reset_index(drop=True)
    docs["label"] = docs["source_id"].map(document_labels(sources, docs["source_id"]))
    return docs[["source_id", "published", "year", "label"]]


# --- prose: sentences built from the data, so they stay true under any parameters ----------
# (counts, lists and dates in words: natoasia.prose)


def in_sentence(name: str) -> str:
    """A country name as it reads inside a sentence ('the Republic of Korea')."""
    needs_article = (name.startswith(("Republic of ", "United ", "Netherlands"))
                     or name.endswith((" Republic", " Islands")))
    return f"the {name}" if needs_article else name


# --- milestones -----------------------------------------------------------------------------

def placed(milestones: pd.DataFrame) -> pd.DataFrame:
    """Milestones with a date, with ``decimal_year`` and ``family`` columns, in time order.

    Proposals (date basis ``proposed``) are left out: they are milestones not yet reached,
    and :func:`describe_proposals` reports them.
    """
    dated = milestones[(milestones["date_precision"] != "unknown")
                       & (milestones["date_basis"] != "proposed")].copy()
    dated["decimal_year"] = [events.decimal_year(d, p) for d, p in
                             zip(dated["date"], dated["date_precision"], strict=True)]
    dated["family"] = dated["instrument"].map(family_of)
    return dated.sort_values(["decimal_year", "milestone_id"]).reset_index(drop=True)


def undated(milestones: pd.DataFrame, partners: list[str]) -> pd.DataFrame:
    rows = milestones[(milestones["date_precision"] == "unknown")
                      & milestones["partner_iso3"].isin(partners)]
    return rows[["milestone_id", "partner_iso3", "instrument", "description", "source_id",
                 "locator", "note"]].reset_index(drop=True)


def describe_timeline(milestones: pd.DataFrame, partners: list[str],
                      names: dict[str, str]) -> str:
    """What the timeline shows for these partners: dated milestones, span, signed programmes,
    and the partners with no milestone at all."""
    rows = placed(milestones)
    rows = rows[rows["partner_iso3"].isin(partners)]
    signed = rows[rows["instrument"].isin(SIGNED_INSTRUMENTS) & (rows["date_basis"] == "event")]
    n_signed = len(signed.drop_duplicates(["partner_iso3", "instrument"]))
    absent = [in_sentence(names.get(p, p)) for p in partners
              if p not in set(milestones["partner_iso3"])]
    if rows.empty:
        text = "The timeline has no dated milestone for the chosen partners."
    else:
        first, last = int(rows["decimal_year"].min()), int(rows["decimal_year"].max())
        span = f"in {first}" if first == last else f"between {first} and {last}"
        kinds = " (IPCP, ITPP or joint declaration)"
        if len(rows) == 1:  # "one dated milestone ...; none of them" read wrong
            which = ("it is the signing of a programme or declaration" + kinds if n_signed
                     else "it does not date the signing of a programme or declaration")
        elif n_signed == 0:
            which = "none of them dates the signing of a programme or declaration"
        else:
            which = (f"they include the signing of {number_word(n_signed)} programme"
                     f"{'' if n_signed == 1 else 's'} or declaration"
                     f"{'' if n_signed == 1 else 's'}{kinds}")
        text = (f"The timeline places {count_noun(len(rows), 'dated milestone')} of the "
                f"chosen partners {span}; {which}.")
    if absent:
        verb = "has" if len(absent) == 1 else "have"
        text += f" {join_words(absent)} {verb} no milestone in the record."
    return text


def describe_undated(milestones: pd.DataFrame, partners: list[str]) -> str:
    """One sentence on the chosen partners' milestones that have no date."""
    n = len(undated(milestones, partners))
    if not milestones["partner_iso3"].isin(partners).any():  # not "every milestone has a date"
        return ("With no milestone in the record for the chosen partners, the table of undated "
                "milestones below is empty.")
    if n == 0:
        return ("Every milestone of the chosen partners has a date, so the table of undated "
                "milestones below is empty.")
    verb = "has" if n == 1 else "have"
    listed = "is listed" if n == 1 else "are listed"
    return (f"{count_noun(n, 'milestone').capitalize()} of the chosen partners {verb} no date "
            f"at all and {listed} below rather than placed at a guessed date.")


def describe_proposals(milestones: pd.DataFrame, partners: list[str],
                       names: dict[str, str]) -> str:
    """One sentence on the chosen partners' instruments a source reports only as proposed
    (empty when there are none)."""
    rows = milestones[(milestones["date_basis"] == "proposed")
                      & milestones["partner_iso3"].isin(partners)]
    if rows.empty:
        return ""
    items = [f"a {r.instrument.replace('_', ' ')} for "
             f"{in_sentence(names.get(r.partner_iso3, r.partner_iso3))}, still a proposal in "
             f"{date_words(r.date)} ({r.locator})" for r in rows.itertuples()]
    pronoun = "it" if len(rows) == 1 else "them"
    return (f"The record also holds {count_noun(len(rows), 'proposal')}, left out of the table "
            f"and the timeline because no source reports {pronoun} agreed: "
            f"{join_words(items)}.")


def _evidence_label(row) -> str:
    if row["date_basis"] == "in_place_by":
        return f"by {row['date']}"
    return f"c. {row['date']}" if row["approximate"] else str(row["date"])


def first_by_instrument(milestones: pd.DataFrame, partners: list[str]) -> pd.DataFrame:
    """Partner x instrument: the earliest evidence any source gives.

    ``2012-06-04`` is an event, ``c. 1990`` an approximate event, ``by 2008-09`` a report that
    the instrument already existed then. When such a report is earlier than the first dated
    event, both are shown (``by 2012-06-14; 2013-02-21``): the sources disagree, and the
    table says so rather than choosing. Page dates are left out (they date a web page, not
    the milestone).
    """
    rows = placed(milestones)
    rows = rows[rows["partner_iso3"].isin(partners) & (rows["date_basis"] != "page_date")]
    rows = rows.assign(bound=rows["date_basis"] == "in_place_by")
    rows = rows.sort_values(["decimal_year", "bound", "milestone_id"])
    groups = rows.groupby(["partner_iso3", "instrument"])
    first = groups.first()
    first["evidence"] = first.apply(_evidence_label, axis=1)
    events_only = rows[~rows["bound"]].groupby(["partner_iso3", "instrument"]).first()
    for key in first.index[first["bound"]].intersection(events_only.index):
        first.loc[key, "evidence"] += f"; {_evidence_label(events_only.loc[key])}"
    table = first["evidence"].unstack("instrument")
    order = [i for m in INSTRUMENT_FAMILIES.values() for i in m if i in table.columns]
    table = table.reindex(index=[p for p in partners if p in table.index], columns=order)
    table.index.name, table.columns.name = "partner", "instrument"
    return table.fillna("")


def plot_timeline(milestones: pd.DataFrame, partners: list[str], names: dict[str, str],
                  source: str, start: int = 1989, end: int = 2024) -> plt.Figure:
    """One lane per partner; marker/colour = instrument family; hollow = bound or approximate,
    drawn see-through so that a filled marker on nearly the same date still shows.

    Rows of one conflict group are joined by a grey line so a disagreement is visible.
    """
    rows = placed(milestones)
    rows = rows[rows["partner_iso3"].isin(partners)]
    fig, ax = plt.subplots(figsize=(10, 1.2 + 0.75 * len(partners)))
    for lane, iso3 in enumerate(partners):
        mine = rows[rows["partner_iso3"] == iso3]
        for _, group in mine[mine["conflict_group"].notna()].groupby("conflict_group"):
            ax.plot([group["decimal_year"].min(), group["decimal_year"].max()], [lane, lane],
                    color="#888888", linewidth=3, alpha=0.6, zorder=1, solid_capstyle="round")
        for family, (marker, colour) in FAMILY_STYLE.items():
            fam = mine[mine["family"] == family]
            solid = (fam["date_basis"] == "event") & ~fam["approximate"]
            y = lane + FAMILY_OFFSET[family]
            ax.scatter(fam.loc[solid, "decimal_year"], [y] * int(solid.sum()), marker=marker,
                       s=48, color=colour, edgecolor="white", linewidth=0.6, zorder=3)
            ax.scatter(fam.loc[~solid, "decimal_year"], [y] * int((~solid).sum()),
                       marker=marker, s=48, facecolor="none", edgecolor=colour,
                       linewidth=1.4, zorder=4)
    ax.set_yticks(range(len(partners)), [names.get(p, p) for p in partners])
    ax.set_ylim(-0.7, len(partners) - 0.3)
    ax.invert_yaxis()
    ax.set_xlim(start, end + 1)
    ax.set_xlabel("Year (year- and month-precision dates placed mid-period)")
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    handles = [Line2D([], [], marker=m, color=c, linestyle="", markersize=7, label=f)
               for f, (m, c) in FAMILY_STYLE.items()]
    handles += [
        Line2D([], [], marker="o", color="#555555", markerfacecolor="none", linestyle="",
               markersize=7, label="Hollow: reported as in place by, page date, or approximate"),
        Line2D([], [], color="#888888", linewidth=3, alpha=0.6,
               label="Grey bar: sources disagree on the date"),
    ]
    below = 0.52 / (fig.get_figheight() * ax.get_position().height)  # 0.52 in under the axes,
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -below), ncol=2,
              frameon=False, fontsize=8)  # clear of the year label however few the lanes
    plotting.finish(fig, "NATO's partners in Asia and the Pacific: milestones by partner", source)
    return fig


def conflicts(frame: pd.DataFrame, id_column: str, value_columns: list[str]) -> pd.DataFrame:
    """Rows in a conflict group, side by side, sorted by group then id."""
    rows = frame[frame["conflict_group"].notna()]
    columns = ["conflict_group", id_column, "partner_iso3", *value_columns, "source_id",
               "locator", "note"]
    table = rows[columns].sort_values(["conflict_group", id_column]).reset_index(drop=True)
    return table.astype({"note": "object"}).fillna({"note": ""})


# --- contributions --------------------------------------------------------------------------

def troop_figures(contributions: pd.DataFrame, partners: list[str]) -> pd.DataFrame:
    """Dated troop figures (ISAF and other deployments) for the chosen partners, in order."""
    rows = contributions[contributions["troops"].notna()
                         & contributions["partner_iso3"].isin(partners)].copy()
    rows["decimal_year"] = [events.decimal_year(d, p) for d, p in
                            zip(rows["date"], rows["date_precision"], strict=True)]
    columns = ["contribution_id", "partner_iso3", "operation", "date", "date_precision",
               "date_basis", "decimal_year", "troops", "troops_qualifier", "press_reported",
               "source_id", "locator", "conflict_group"]
    return rows[columns].sort_values(["partner_iso3", "decimal_year", "contribution_id"]
                                     ).reset_index(drop=True)


def troop_peaks(figures: pd.DataFrame) -> pd.DataFrame:
    """Per partner in :func:`troop_figures`: the highest figure reported, its qualifier, the
    first date it was reported and whether the compiler inferred that date, the next date the
    same figure (same qualifier) is reported on a date not inferred (``firm_date``, empty if
    never; ``firm_precision`` its precision), and how many figures there are; highest first."""
    rows = []
    for iso3, mine in figures.groupby("partner_iso3", sort=True):
        troops = mine["troops"].astype(int)
        qualifiers = mine["troops_qualifier"].fillna("").astype(str)
        same = mine[troops == troops.max()]  # figures are in date order
        top = same.iloc[0]
        inferred, firm = top["date_basis"] == "inferred", None
        if inferred:
            later = same.iloc[1:]
            later = later[(later["date_basis"] != "inferred")
                          & (qualifiers[later.index] == qualifiers[top.name])]
            firm = later.iloc[0] if len(later) else None
        rows.append({"partner_iso3": iso3, "peak": int(top["troops"]),
                     "qualifier": qualifiers[top.name], "date": str(top["date"]),
                     "date_inferred": bool(inferred),
                     "firm_date": "" if firm is None else str(firm["date"]),
                     "firm_precision": "" if firm is None else str(firm["date_precision"]),
                     "contribution_id": top["contribution_id"], "figures": len(mine)})
    columns = ["partner_iso3", "peak", "qualifier", "date", "date_inferred", "firm_date",
               "firm_precision", "contribution_id", "figures"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["peak", "partner_iso3"], ascending=[False, True]).reset_index(
        drop=True)


def describe_troop_peaks(figures: pd.DataFrame, partners: list[str],
                         names: dict[str, str]) -> str:
    """The highest troop figure reported for each chosen partner, and who has none.

    A first date the compiler inferred is marked so, with the next date the same figure is
    reported on a date not inferred, if any.
    """
    peaks = troop_peaks(figures)
    items = []
    for r in peaks.itertuples():
        when = date_words(r.date)
        if r.date_inferred:
            when += ", inferred"
            if r.firm_date:
                when += ("; first reported on a firm date: "
                         f"{date_words(r.firm_date, day=r.firm_precision == 'day')}")
        items.append(f"{r.qualifier + ' ' if r.qualifier else ''}{r.peak:,} for "
                     f"{in_sentence(names.get(r.partner_iso3, r.partner_iso3))} ({when})")
    missing = [in_sentence(names.get(p, p)) for p in partners
               if p not in set(peaks["partner_iso3"])]
    if not items:
        return "No troop figure is reported for any of the chosen partners."
    head = ("The highest figure reported is " if len(items) == 1
            else "The highest figures reported, partner by partner, are ")
    text = head + join_words(items) + "."
    if peaks["date_inferred"].any():
        text += (" Inferred dates are estimates by the compiler of the press snapshots: the "
                 "report itself prints no date.")
    if missing:
        text += f" No troop figure is reported for {join_words(missing, 'or')}."
    return text


def plot_troops(figures: pd.DataFrame, names: dict[str, str], source: str) -> plt.Figure:
    """Reported troop figures by partner over time: filled = seed document, hollow = press.

    Each partner has its own marker as well as its colour, so figures close together (the
    Republic of Korea's 246 and New Zealand's 234 in November 2010) stay apart; a figure the
    source qualifies ("about", "over", "some") carries that word; figures in dispute for one
    date are both drawn and named under the chart.
    """
    fig, ax = plt.subplots(figsize=(9, 4.4))
    if figures.empty:
        ax.text(0.5, 0.5, "No troop figures are reported for the chosen partners",
                ha="center", va="center", transform=ax.transAxes)
        ax.set_xlabel("Date of the figure")
        ax.set_ylabel("Troops reported (personnel)")
        plotting.finish(fig, "Partner troop figures in Afghanistan as the sources report them",
                        source)
        return fig
    markers = plotting.MARKERS
    for i, (iso3, rows) in enumerate(figures.groupby("partner_iso3", sort=True)):
        colour, marker = plotting.PALETTE[i % len(plotting.PALETTE)], markers[i % len(markers)]
        ax.plot(rows["decimal_year"], rows["troops"].astype(float), color=colour, linewidth=1,
                alpha=0.5)
        press = rows["press_reported"].astype(bool)
        if (~press).any():
            ax.scatter(rows.loc[~press, "decimal_year"], rows.loc[~press, "troops"].astype(float),
                       color=colour, s=42, zorder=3, marker=marker,
                       label=f"{names.get(iso3, iso3)} (seed document)")
        if press.any():
            ax.scatter(rows.loc[press, "decimal_year"], rows.loc[press, "troops"].astype(float),
                       facecolor="white", edgecolor=colour, linewidth=1.4, s=42, zorder=3,
                       marker=marker, label=f"{names.get(iso3, iso3)} (press-reported)")
        for row in rows[rows["troops_qualifier"].fillna("") != ""].itertuples():
            ax.annotate(row.troops_qualifier, (row.decimal_year, float(row.troops)),
                        xytext=(5, -10), textcoords="offset points", fontsize=7,
                        color="#555555")
    disputed = figures[figures["conflict_group"].notna()].drop_duplicates(
        ["partner_iso3", "date"])
    if len(disputed):
        where = join_words(f"{in_sentence(names.get(r.partner_iso3, r.partner_iso3))} "
                           f"({date_words(r.date)})" for r in disputed.itertuples())
        source = (f"{source} The sources disagree on the figure for {where}: both are drawn, "
                  "joined by the line.")
    ax.set_yscale("log")
    ticks = [t for t in (10, 20, 50, 100, 200, 500, 1000, 2000)
             if figures["troops"].min() / 2 <= t <= figures["troops"].max() * 2]
    ax.set_yticks(ticks, [f"{t:,}" for t in ticks])
    ax.minorticks_off()
    ax.set_xlabel("Date of the figure")
    ax.set_ylabel("Troops reported (personnel; log scale)")
    ax.grid(color="#eeeeee", linewidth=0.6)
    ax.legend(frameon=False, fontsize=8, ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.16))
    plotting.finish(fig, "Partner troop figures in Afghanistan as the sources report them",
                    source)
    return fig


def contribution_kinds(contributions: pd.DataFrame, partners: list[str]) -> pd.DataFrame:
    """Partner x kind of contribution: number of rows (all sources), with NATO-led split."""
    rows = contributions[contributions["partner_iso3"].isin(partners)]
    table = pd.crosstab(rows["partner_iso3"], rows["kind"])
    table["of which NATO-led (as reported)"] = rows[rows["nato_led"] == "yes"].groupby(
        "partner_iso3").size()
    table = table.reindex([p for p in partners if p in table.index]).fillna(0).astype(int)
    table.index.name = "partner"
    return table


# --- constraints ----------------------------------------------------------------------------

def constraint_matrix(constraints: pd.DataFrame, doc_ids: list[str],
                      by: str = "category") -> pd.DataFrame:
    """Rows coded per ``by`` value (category, side or scope) and document, documents in the
    given order."""
    order = {"category": CATEGORIES, "side": SIDES, "scope": SCOPES}[by]
    table = pd.crosstab(constraints[by], constraints["source_id"])
    table = table.reindex(index=order, columns=doc_ids)
    table.index.name, table.columns.name = by, "document"
    return table.fillna(0).astype(int)


def persistence(constraints: pd.DataFrame, documents: pd.DataFrame,
                scopes: list[str] | None = None) -> pd.DataFrame:
    """Per category: how many documents name it, first and last year, and whether it spans
    the whole period (named by the earliest and by the latest document).

    Only ``current`` and ``prospective`` rows count: a constraint a document places in the
    past is not evidence that it persisted.
    """
    rows = constraints[constraints["status"] != "historical"]
    if scopes is not None:
        rows = rows[rows["scope"].isin(scopes)]
    year = documents.set_index("source_id")["year"]
    label = documents.set_index("source_id")["label"]
    first_doc, last_doc = documents["source_id"].iloc[0], documents["source_id"].iloc[-1]
    out = []
    for category in CATEGORIES:
        docs = [d for d in documents["source_id"] if
                ((rows["category"] == category) & (rows["source_id"] == d)).any()]
        if not docs:
            continue
        out.append({
            "category": category, "documents": len(docs),
            "named_by": "; ".join(label[d] for d in docs),
            "first_year": int(year[docs[0]]), "last_year": int(year[docs[-1]]),
            "rows": int((rows["category"] == category).sum()),
            "spans_2008_2024": first_doc in docs and last_doc in docs,
        })
    table = pd.DataFrame(out).sort_values(["documents", "rows", "category"],
                                          ascending=[False, False, True])
    return table.reset_index(drop=True)


# --- loading --------------------------------------------------------------------------------

def load_all(folder=None) -> dict[str, pd.DataFrame]:
    """The four tables of the notebook, typed and validated."""
    return {name: data.load(name, folder)
            for name in (MILESTONES, CONTRIBUTIONS, CONSTRAINTS, EXERCISES)}
