"""NATO and China beside NATO and Japan: contact tracks, framing across documents, 2013.

Helpers for notebook ``03_china_engagement``:

- the two tracks of dated events (``events.csv``) that involve NATO and China or NATO and
  Japan, with contacts placed by the level at which they took place;
- how often each seed document names China, and which framing terms surround it, from the
  committed corpus features (``corpus_paragraphs``/``corpus_mentions``/
  ``corpus_cooccurrence``; see :mod:`natoasia.text`), documents in publication order;
- the April 2013 visit to Tokyo: statements coded by stance, and what Japan sought, what
  NATO offered and withheld, what was said about China;
- the claims on which the documents disagree (``source_disagreements.csv``), each with its
  source and locator, checked against the event rows they repeat;
- the sentences the notebook glues into its prose, computed from the selection so that they
  stay true and grammatical whatever documents, terms and window a rerun chooses (counts,
  lists and dates in words come from :mod:`natoasia.prose`).

Nothing here reads the corpus: the notebook runs on committed tables only.
"""

from __future__ import annotations

import textwrap
from functools import partial

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from natoasia import data, plotting
from natoasia import events as timeline
from natoasia.prose import count_noun, date_words, join_words, number_word
from natoasia.sources import cite as author_year
from natoasia.text import cooccurrence_grid, mention_rates

PARTNERS = {"CHN": "China", "JPN": "Japan"}
PARTNER_COLOURS = {"CHN": plotting.OKABE_ITO["vermillion"], "JPN": plotting.OKABE_ITO["blue"]}
NATO_SIDE = ("NATO", "NAC")  # actor ids that put NATO itself on one side of an event

# Contact levels, highest first: the order of the ``level`` enum of events.csv.
LEVELS = ("head_of_government", "minister", "secretary_general", "deputy_secretary_general",
          "ambassador", "military", "senior_official", "academic")
LEVEL_LABELS = {
    "head_of_government": "Head of government",
    "minister": "Minister",
    "secretary_general": "Secretary General",
    "deputy_secretary_general": "Deputy Secretary General",
    "ambassador": "Ambassador",
    "military": "Military",
    "senior_official": "Senior official",
    "academic": "Academic",
}

# How a level reads inside a sentence ("at minister level", "involved a head of government").
LEVEL_PHRASES = {
    "head_of_government": "head of government",
    "minister": "minister",
    "secretary_general": "Secretary General",
    "deputy_secretary_general": "Deputy Secretary General",
    "ambassador": "ambassador",
    "military": "military",
    "senior_official": "senior official",
    "academic": "academic",
}

# Short labels for the contacts of both tracks (event_key -> a phrase written here, used in
# the notebook's computed sentences); a contact without one falls back to its description.
CONTACT_LABELS = {
    "china_ambassador_meets_robertson_2002":
        "China's ambassador calling on the Secretary General in Brussels (2002)",
    "bisogniero_china_visit_2009": "the Deputy Secretary General's visit to China (2009)",
    "ji_li_ndc_graduation_2012": "a Chinese rear admiral's NATO Defense College course (2012)",
    "shangri_la_dialogue_2013": "the 2013 Shangri-La Dialogue, where NATO's top military "
                                "officer met Japanese and Chinese military chiefs",
    "de_hoop_scheffer_japan_visit_2005": "the Secretary General's visit to Japan (2005)",
    "abe_addresses_nac_2007": "Prime Minister Abe's address to the North Atlantic Council (2007)",
    "de_hoop_scheffer_japan_visit_2007": "the Secretary General's second visit to Japan (2007)",
    "matsumoto_rasmussen_meeting_2011":
        "Foreign Minister Matsumoto's talks with the Secretary General (2011)",
    "rasmussen_tokyo_ministers_2013":
        "the Secretary General's talks with Japanese ministers in Tokyo (2013)",
    "rasmussen_tokyo_visit_2013":
        "the Secretary General's meeting with Prime Minister Abe in Tokyo (2013)",
    "abe_letter_to_rasmussen": "Prime Minister Abe's letter to the Secretary General "
                               "(early 2013 or late 2012)",
}
# Contacts that are letters, not meetings. events.csv has no column for the form of a contact
# and codes a letter at the level of its most senior party, so a prime minister's letter
# counts as a head-of-government contact; the notebook says so where it shows the counts.
LETTERS = frozenset({"abe_letter_to_rasmussen"})

# Milestones drawn on the contact figure (event_key -> short label written here).
MILESTONES = {
    "CHN": {
        "belgrade_embassy_bombing_1999": "1999 Belgrade embassy bombing",
        "china_official_interest_in_nato_2012": "2012 Beijing's terms",
        "nato_2030_expert_group_report": "NATO 2030 report",
        "madrid_summit_2022": "2022 Madrid summit",
    },
    "JPN": {
        "nato_japan_strategic_dialogue_early_1990s": "Early 1990s: strategic dialogue",
        "japan_nato_joint_declaration_2013": "2013 joint declaration",
        "vilnius_summit_2023": "2023 Vilnius summit",
    },
}
# Whether each track had a structured dialogue, as jamestown2013 reports it (July 2013).
DIALOGUE = {
    "CHN": ("No structured strategic dialogue; no Secretary General visit to China",
            "jamestown2013:¶6"),
    "JPN": ("Strategic dialogue of senior officials since the early 1990s, later more "
            "structured", "jamestown2013:¶4"),
}

STANCES = ("reassurance", "values", "dialogue_offer", "warning", "limits")
STANCE_LABELS = {
    "reassurance": "Reassurance",
    "values": "Shared values",
    "dialogue_offer": "Dialogue offer",
    "warning": "Warning",
    "limits": "Limits of NATO's role",
}
BALANCE_SIDES = ("japan_sought", "offered", "withheld", "nato_constraint", "said_about_china",
                 "china_reaction")
BALANCE_LABELS = {
    "japan_sought": "What Japan sought",
    "offered": "What NATO offered",
    "withheld": "What NATO withheld or narrowed",
    "nato_constraint": "Why: constraints on NATO's side",
    "said_about_china": "What NATO said about China",
    "china_reaction": "How Chinese media reacted",
}
CATEGORY_COLOURS = {
    "threat_framing": plotting.OKABE_ITO["vermillion"],
    "cooperative_framing": plotting.OKABE_ITO["blue"],
    "normative_framing": plotting.OKABE_ITO["purple"],
    "security_framing": plotting.OKABE_ITO["green"],
    "capability_framing": plotting.OKABE_ITO["orange"],
    "scope_framing": plotting.OKABE_ITO["sky_blue"],
}

# --------------------------------------------------------------------------- documents


def in_publication_order(sources: pd.DataFrame, doc_ids: list[str]) -> list[str]:
    """The chosen documents in publication order (then by id), whatever order they came in."""
    known = sources.set_index("source_id")
    missing = [d for d in doc_ids if d not in known.index]
    if missing:
        raise KeyError(f"unknown document(s) {', '.join(missing)}; known: "
                       f"{', '.join(sorted(known.index))}")
    return sorted(doc_ids, key=lambda d: (str(known.loc[d, "published"]), d))


# --------------------------------------------------------------------------- contact tracks


def actor_set(actors: str) -> set[str]:
    return {a for a in str(actors).split(";") if a}


def partner_track(events: pd.DataFrame, partner: str) -> pd.DataFrame:
    """Events with ``partner`` and NATO itself among the actors, in date order.

    Adds ``decimal_year`` (see :func:`natoasia.events.placed_years`) and ``partner``.
    """
    if partner not in PARTNERS:
        raise ValueError(f"partner {partner!r} is not one of {', '.join(PARTNERS)}")
    sets = events["actors"].map(actor_set)
    chosen = events[sets.map(lambda s: partner in s and bool(s & set(NATO_SIDE)))]
    chosen = chosen.assign(decimal_year=timeline.placed_years(chosen), partner=partner)
    return chosen.sort_values(["decimal_year", "event_id"]).reset_index(drop=True)


def contacts(track: pd.DataFrame) -> pd.DataFrame:
    """The contacts of a track (kind = contact), with ``level_rank`` (0 = highest level)."""
    rows = track[track["kind"] == "contact"]
    unknown = sorted(set(rows["level"].dropna()) - set(LEVELS))
    if unknown or rows["level"].isna().any():
        raise ValueError(f"contacts need a level from {', '.join(LEVELS)}; found "
                         f"{unknown or 'an empty level'}")
    return rows.assign(level_rank=rows["level"].map(LEVELS.index).astype(int))


def track_summary(events: pd.DataFrame, partners=tuple(PARTNERS)) -> pd.DataFrame:
    """Per partner: contacts, first contact, highest level reached, levels seen, dialogue.

    Contacts are counted as distinct events (``event_key``), so an event two documents
    report counts once. ``first_contact`` is the earliest dated contact row, whatever its
    conflict group.
    """
    out = []
    for partner in partners:
        track = partner_track(events, partner)
        met = contacts(track).drop_duplicates("event_key")
        first = met.iloc[0] if len(met) else None
        levels = [lv for lv in LEVELS if lv in set(met["level"])]
        senior = met["level_rank"] <= LEVELS.index("secretary_general")
        dialogue, locator = DIALOGUE[partner]
        out.append({
            "partner": PARTNERS[partner],
            "track_events": int(track["event_key"].nunique()),
            "contacts": len(met),
            "first_contact": first["date"] if first is not None else "",
            "first_contact_level": first["level"] if first is not None else "",
            "highest_level": levels[0] if levels else "",
            "levels_reached": "; ".join(levels),
            "sg_or_higher": int(senior.sum()),
            "sg_or_higher_letters": int((senior & met["event_key"].isin(LETTERS)).sum()),
            "structured_dialogue": dialogue,
            "dialogue_locator": locator,
        })
    return pd.DataFrame(out).set_index("partner")


def contact_figure(events: pd.DataFrame, title: str, source: str,
                   first_year: int = 1989, last_year: int = 2024) -> plt.Figure:
    """Contacts by level, China above Japan on one time axis; milestones in a strip below.

    Circles: dates the document states; diamonds: approximate dates; hollow markers:
    letters (:data:`LETTERS`) rather than meetings, drawn see-through so that a meeting on
    nearly the same date still shows; a ring around a marker: a row in a conflict
    group (the documents disagree about it). A milestone dated only approximately says so in
    its label; one whose own rows share a conflict group (sources that date it differently)
    gets a line and a dot at each row's date, the dots joined, and a label giving every date.
    Each panel's title says whether the track had a structured dialogue, with its locator.
    """
    n = len(LEVELS)
    fig, axes = plt.subplots(len(PARTNERS), 1, figsize=(10, 8), sharex=True)
    for ax, partner in zip(axes, PARTNERS, strict=True):
        track = partner_track(events, partner)
        met = contacts(track)
        colour = PARTNER_COLOURS[partner]
        letter = met["event_key"].isin(LETTERS)
        for approximate, marker in ((False, "o"), (True, "D")):
            rows = met[(met["approximate"].fillna(False).astype(bool) == approximate) & ~letter]
            ax.scatter(rows["decimal_year"], rows["level_rank"], s=70, marker=marker,
                       color=colour, edgecolor="white", linewidth=0.6, zorder=4)
            rows = met[(met["approximate"].fillna(False).astype(bool) == approximate) & letter]
            ax.scatter(rows["decimal_year"], rows["level_rank"], s=70, marker=marker,
                       facecolor="none", edgecolor=colour, linewidth=1.6, zorder=5)
        disputed = met[met["conflict_group"].notna()]
        ax.scatter(disputed["decimal_year"], disputed["level_rank"], s=230, facecolor="none",
                   edgecolor=plotting.OKABE_ITO["black"], linewidth=1.2, zorder=5)
        marks = track[track["event_key"].isin(MILESTONES[partner])]
        for i, (key, rows) in enumerate(marks.groupby("event_key", sort=False)):  # by date
            label = MILESTONES[partner][key]
            dated_apart = rows[rows["conflict_group"].notna()
                               & rows["conflict_group"].duplicated(keep=False)]
            if len(dated_apart) > 1:  # its own rows share a conflict group: they date it apart
                rows = dated_apart
                dated = join_words([("approx. " if bool(r["approximate"]) else "") + r["date"]
                                    for _, r in rows.iterrows()], "or")
                label = f"{label} (sources differ: {dated})"
            else:
                rows = rows.iloc[:1]  # one event, one line (rows that agree on its date)
                if rows["approximate"].iloc[0]:  # a required field: never missing
                    label = f"{label} (approx. date)"
            xs = sorted(set(rows["decimal_year"]))
            y = n + 0.35 + 0.6 * (i % 3)
            for x in xs:
                ax.axvline(x, color="#999999", linestyle=":", linewidth=1, zorder=1)
                ax.plot(x, y, marker="o", markersize=3, color="#777777",
                        zorder=2)  # the label starts (or ends) at a dot on its own line
            if len(xs) > 1:  # the dates of one milestone, joined
                ax.plot([xs[0], xs[-1]], [y, y], color="#777777", linewidth=1.2, zorder=2)
            near_end = xs[-1] > last_year - 4  # label to the left of the first line
            ax.text(xs[0] - 0.3 if near_end else xs[-1] + 0.3, y, label, va="center",
                    ha="right" if near_end else "left", fontsize=7.5, color="#333333")
        if met.empty:
            ax.text((first_year + last_year) / 2, (n - 1) / 2,
                    "no contacts in the selected documents", ha="center", color="#666666")
        dialogue, locator = DIALOGUE[partner]
        ax.set_title(textwrap.fill(f"NATO–{PARTNERS[partner]}. {dialogue} — "
                                   f"{pinpoint(locator)}", 110), loc="left",
                     fontsize=9, fontweight="normal", color=colour)
        ax.set_yticks(list(range(n)) + [n + 0.95],
                      [LEVEL_LABELS[lv] for lv in LEVELS] + ["Milestones"])
        ax.set_ylim(n + 1.8, -0.7)  # highest level at the top, milestone strip at the bottom
        ax.axhline(n - 0.35, color="#cccccc", linewidth=0.6)
        ax.set_ylabel("Highest level taking part")
        ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
        ax.set_xlim(first_year - 0.5, last_year + 1)
    axes[-1].set_xlabel("Year (events dated to the year at mid-year, or at their source's date "
                        "if earlier)")
    handles = [
        plt.Line2D([], [], marker="o", linestyle="", color="#555555", label="contact, date stated"),
        plt.Line2D([], [], marker="D", linestyle="", color="#555555",
                   label="contact, date approximate"),
        plt.Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                   markeredgecolor="#555555", markeredgewidth=1.6,
                   label="hollow: a letter, not a meeting"),
        plt.Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markersize=13,
                   markeredgecolor="black", label="documents disagree (conflict group)"),
        plt.Line2D([], [], color="#999999", linestyle=":", marker="o", markersize=3,
                   markerfacecolor="#777777", markeredgecolor="#777777",
                   label="milestone (not a contact), named beside its dot"),
        plt.Line2D([], [], color="#777777", linewidth=1.2, marker="o", markersize=3,
                   label="milestone the sources date differently: its dates, joined"),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, -0.02))
    plotting.tight_layout(fig, (0, 0.05, 1, 0.97))
    plotting.finish(fig, title, source)
    return fig


# --------------------------------------------------------------------------- framing


def entity_rates(paragraphs: pd.DataFrame, mentions: pd.DataFrame, doc_ids: list[str],
                 entities=tuple(PARTNERS), per: int = 1000) -> pd.DataFrame:
    """Mentions per ``per`` words of each document (rows, in the given order) per entity.

    Columns ``<entity>_mentions`` and ``<entity>_rate`` for each entity, plus ``words``.
    A document that never names an entity gets 0 for it.
    """
    rates = mention_rates(paragraphs, mentions, per=per)
    words = paragraphs.groupby("doc_id")["words"].sum().reindex(doc_ids)
    if words.isna().any():
        missing = words[words.isna()].index.tolist()
        raise KeyError(f"no paragraphs for document(s) {', '.join(missing)} in the features")
    table = pd.DataFrame(index=pd.Index(doc_ids, name="doc_id"))
    table["words"] = words.astype("int64")
    for entity in entities:
        rows = rates[rates["entity_id"] == entity].set_index("doc_id")
        table[f"{entity}_mentions"] = rows["mentions"].reindex(doc_ids).fillna(0).astype("int64")
        table[f"{entity}_rate"] = table[f"{entity}_mentions"] * per / table["words"]
    return table


def framing_around(cooccurrence: pd.DataFrame, entity: str, doc_ids: list[str],
                   terms: list[str], window: str, categories: dict[str, str]) -> pd.DataFrame:
    """Per document and term: how many windows naming ``entity`` also hold the term.

    :func:`natoasia.text.cooccurrence_grid` with each term's category, share (units /
    entity_units) and baseline (term_units / window_units); share is NaN where the document
    never names the entity. Rows follow ``doc_ids`` then ``terms``.
    """
    out = cooccurrence_grid(cooccurrence, entity, doc_ids, terms, window)
    out.insert(2, "category", out["term"].map(categories))
    out["share"] = out["units"] / out["entity_units"].where(out["entity_units"] > 0)
    out["baseline"] = out["term_units"] / out["window_units"].where(out["window_units"] > 0)
    return out


def share_matrix(framing: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Documents x terms: per cent of the entity's windows that hold each term."""
    wide = framing.pivot(index="doc_id", columns="term", values="share") * 100
    wide = wide.reindex(index=list(dict.fromkeys(framing["doc_id"])),
                        columns=list(dict.fromkeys(framing["term"])))
    if labels:
        windows = framing.drop_duplicates("doc_id").set_index("doc_id")["entity_units"]
        wide.index = [f"{labels.get(d, d)}, n={windows[d]}" for d in wide.index]
    wide.index.name, wide.columns.name = "document", "term"
    return wide


def category_balance(framing: pd.DataFrame) -> pd.DataFrame:
    """Documents x categories: occurrences of the chosen terms per window naming the entity.

    Occurrence counts add up across terms (window counts do not: one window can hold
    several terms), so this is the measure that can be summed within a category.
    """
    summed = framing.groupby(["doc_id", "category"], sort=False)["count"].sum().unstack(
        fill_value=0)
    windows = framing.drop_duplicates("doc_id").set_index("doc_id")["entity_units"]
    order = list(dict.fromkeys(framing["doc_id"]))
    per_window = summed.reindex(order).div(windows.reindex(order).where(lambda s: s > 0),
                                           axis=0)
    per_window.columns.name = "category"
    return per_window[[c for c in CATEGORY_COLOURS if c in per_window.columns]
                      + [c for c in per_window.columns if c not in CATEGORY_COLOURS]]


def rates_figure(rates: pd.DataFrame, labels: dict[str, str], title: str,
                 source: str) -> plt.Figure:
    """Grouped bars: China and Japan mentions per 1,000 words, documents in date order."""
    fig, ax = plt.subplots(figsize=(9, 4.6))
    x = np.arange(len(rates))
    width = 0.38
    for i, partner in enumerate(PARTNERS):
        values = rates[f"{partner}_rate"].to_numpy(dtype=float)
        bars = ax.bar(x + (i - 0.5) * width, values, width, color=PARTNER_COLOURS[partner],
                      label=PARTNERS[partner])
        ax.bar_label(bars, labels=[f"{v:.1f}" for v in values], fontsize=8, padding=2)
    ax.set_xticks(x, [labels[d].replace(" (", "\n(") for d in rates.index])
    ax.set_xlabel("Document (in order of publication)")
    ax.set_ylabel("Mentions per 1,000 words")
    ax.legend(frameon=False)
    plotting.tight_layout(fig, (0, 0, 1, 0.93))  # room for the title
    plotting.finish(fig, title, source)
    return fig


def balance_figure(balance: pd.DataFrame, title: str, source: str) -> plt.Figure:
    """Grouped bars per document (date order): framing-term occurrences per China window.

    Bars, not lines: five documents of different kinds are not a time series.
    """
    fig, ax = plt.subplots(figsize=(9, 4.6))
    x = np.arange(len(balance))
    width = 0.8 / max(1, len(balance.columns))
    for i, category in enumerate(balance.columns):
        offset = (i - (len(balance.columns) - 1) / 2) * width
        ax.bar(x + offset, balance[category].fillna(0).to_numpy(dtype=float), width,
               color=CATEGORY_COLOURS.get(category, "#555555"),
               label=category.replace("_framing", "").replace("_", " "))
    ax.set_xticks(x, [str(d).replace(" (", "\n(") for d in balance.index])
    ax.set_xlabel("Document (in order of publication)")
    ax.set_ylabel("Term occurrences per window naming China")
    ax.set_ylim(bottom=0, top=None if balance.fillna(0).to_numpy().any() else 1)  # never below 0
    ax.legend(title="Framing category", frameon=False, fontsize=8, title_fontsize=8,
              loc="upper left", bbox_to_anchor=(1.0, 1.0))
    plotting.tight_layout(fig, (0, 0, 1, 0.93))  # room for the title
    plotting.finish(fig, title, source)
    return fig


# --------------------------------------------------------------------------- 2013 and after


def stance_matrix(statements: pd.DataFrame, texts: pd.DataFrame) -> pd.DataFrame:
    """Occasions x stances: how many coded statements or paragraphs take each stance.

    Rows: the 2013 statements split by subject (China; Japan or the Asia-Pacific), then each
    NATO text by date, labelled with its paragraphs.
    """
    rows: dict[str, pd.Series] = {}
    for (speaker, date), group in statements.groupby(["speaker", "date"], sort=True):
        surname = str(speaker).split()[-1]
        for label, subset in (("on China", group[group["subject"] == "china"]),
                              ("on Japan and the Asia-Pacific",
                               group[group["subject"] != "china"])):
            if len(subset):
                rows[f"{surname}, {date}: {label} ({len(subset)})"] = (
                    subset["stance"].value_counts())
    for (date, title), group in texts.groupby(["date", "doc_title"], sort=True):
        paras = ", ".join(str(p) for p in sorted(group["paragraph"]))
        rows[f"{title}, {date}: paras {paras}"] = group["stance"].value_counts()
    table = pd.DataFrame(rows).T.reindex(columns=list(STANCES)).fillna(0).astype(int)
    table.index.name, table.columns.name = "occasion", "stance"
    return table


STANCE_COLOURS = {
    "reassurance": plotting.OKABE_ITO["green"],
    "values": plotting.OKABE_ITO["purple"],
    "dialogue_offer": plotting.OKABE_ITO["blue"],
    "warning": plotting.OKABE_ITO["vermillion"],
    "limits": plotting.OKABE_ITO["yellow"],
}


def stance_figure(matrix: pd.DataFrame, title: str, source: str) -> plt.Figure:
    """Stacked horizontal bars: coded statements or paragraphs per stance, per occasion."""
    fig, ax = plt.subplots(figsize=(10, 1.6 + 0.7 * len(matrix)))
    y = np.arange(len(matrix))
    left = np.zeros(len(matrix))
    for stance in matrix.columns:
        values = matrix[stance].to_numpy(dtype=float)
        bars = ax.barh(y, values, left=left, color=STANCE_COLOURS[stance], height=0.6,
                       edgecolor="white", label=STANCE_LABELS[stance])
        ax.bar_label(bars, labels=[f"{v:.0f}" if v else "" for v in values],
                     label_type="center", fontsize=8,
                     color=plotting.label_colour(STANCE_COLOURS[stance]))
        left += values
    ax.set_yticks(y, list(matrix.index))
    ax.invert_yaxis()
    ax.set_xlabel("Statements (2013) or communiqué paragraphs (2021, 2023) coded with the stance")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(title="Stance", frameon=False, fontsize=8, title_fontsize=8, loc="upper left",
              bbox_to_anchor=(1.01, 1.0))
    plotting.tight_layout(fig, (0, 0, 1, 0.93))  # room for the title
    plotting.finish(fig, title, source)
    return fig


def balancing_table(balancing: pd.DataFrame) -> pd.DataFrame:
    """The 2013 items grouped by side (in BALANCE_SIDES order), then by item id."""
    order = {side: i for i, side in enumerate(BALANCE_SIDES)}
    table = balancing.assign(_order=balancing["side"].map(order)).sort_values(
        ["_order", "item_id"])
    table = table.assign(side=table["side"].map(BALANCE_LABELS))
    return table[["side", "item_id", "actor", "description", "quoted", "locator"]].set_index(
        ["side", "item_id"])


def stakes_figure(stakes: pd.DataFrame, title: str, source: str) -> plt.Figure:
    """Horizontal bars for the stakes that carry an amount (as stated; not summed)."""
    rows = stakes[stakes["amount"].notna()].sort_values(["date", "stake_id"])
    if rows["unit"].nunique() > 1 or rows["currency"].nunique() > 1:
        raise ValueError("stakes in different units or currencies cannot share one axis")
    unit, currency = rows["unit"].iloc[0], rows["currency"].iloc[0]
    fig, ax = plt.subplots(figsize=(9, 0.9 + 0.8 * len(rows)))
    y = np.arange(len(rows))
    colours = [PARTNER_COLOURS.get(a, "#555555") for a in rows["actor"]]
    ax.barh(y, rows["amount"], color=colours, height=0.6)
    labels = []
    for _, row in rows.iterrows():
        who = PARTNERS.get(row["actor"], row["actor"])
        kind = {"aid": "aid", "investment": "investment deal", "pledge": "pledge"}[row["kind"]]
        spread = f", over {row['period_years']} years" if pd.notna(row["period_years"]) else ""
        when = date_words(row["date"])  # "November 2007", not "2007-11" (read as a range)
        when = f"as of {when}" if row["date_basis"] == "document" else when
        labels.append(f"{who}: {kind} ({when}{spread})")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    for yi, (_, row) in zip(y, rows.iterrows(), strict=True):
        prefix = "more than " if row["amount_qualifier"] == "more_than" else ""
        ax.text(row["amount"] + 0.05, yi, f"{prefix}{row['amount']:g} {unit}", va="center",
                fontsize=9)
    ax.set_xlabel(f"Amount as the document states it ({unit} {currency}, nominal)")
    ax.set_xlim(0, float(rows["amount"].max()) * 1.3)
    plotting.tight_layout(fig, (0, 0, 1, 0.93))  # room for the title
    plotting.finish(fig, title, source)
    return fig


# --------------------------------------------------------------------------- disagreements


DISAGREEMENTS = "source_disagreements"  # data/source_disagreements.csv
DISAGREEMENT_COLUMNS = ("issue", "conflict_group", "source_id", "locator", "verification",
                        "event_id", "claim")


def disagreements(events: pd.DataFrame, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """The disputed claims, side by side, checked against the events they refer to.

    ``claims``: rows with :data:`DISAGREEMENT_COLUMNS`, by default the table
    ``source_disagreements`` (paraphrased claims, each with its source, locator and, for a
    row of the staged NATO-texts compilation, its verification level; the conflict groups of
    events.csv appear there with their event_id so the table reads in one place).
    A claim tied to an event row must cite the same locator; a claim in conflict group C<n>
    must point at a row of that group. Empty cells are ``""``; issues keep the order in
    which they first appear.
    """
    if claims is None:
        claims = data.load(DISAGREEMENTS)
    missing = [c for c in DISAGREEMENT_COLUMNS if c not in claims.columns]
    if missing:
        raise ValueError(f"claims lack column(s) {', '.join(missing)}; expected "
                         f"{', '.join(DISAGREEMENT_COLUMNS)}")
    table = claims[list(DISAGREEMENT_COLUMNS)].astype(object)
    table = table.where(table.notna(), "").reset_index(drop=True)
    by_id = events.set_index("event_id")
    for _, claim in table[table["event_id"] != ""].iterrows():
        if claim["event_id"] not in by_id.index:
            raise ValueError(f"{claim['event_id']}: no such row in events.csv")
        row = by_id.loc[claim["event_id"]]
        if row["locator"] != claim["locator"]:
            raise ValueError(f"{claim['event_id']}: events.csv cites {row['locator']}, the "
                             f"claim cites {claim['locator']}")
        group = row["conflict_group"] if pd.notna(row["conflict_group"]) else ""
        if claim["conflict_group"] and group != claim["conflict_group"]:
            raise ValueError(f"{claim['event_id']}: conflict group {group!r} in events.csv, "
                             f"{claim['conflict_group']!r} here")
    order = list(dict.fromkeys(table["issue"]))
    table["_order"] = table["issue"].map(order.index)
    return (table.sort_values(["_order"], kind="stable").drop(columns="_order")
            .reset_index(drop=True))


# --------------------------------------------------------------------------- computed prose
# Sentences the notebook glues into its text. They are built from the selection, so they
# stay true (and grammatical) whatever documents, terms and window a rerun chooses; every
# document they name is an author-year citation (``cite``, natoasia.sources.cite by default).

CONTEST_TERMS = ("conflict", "dispute", "tension", "encirclement")


# The sentences of this module write numbers above ten without a thousands separator and keep
# the noun singular after zero ("no contact"); natoasia.prose takes both as parameters.
_number = partial(number_word, grouped=False)
_count = partial(count_noun, grouped=False, plural_for_zero=False)


COMPILED = "nato_china_texts_compiled"  # source_id of the staged compilation's rows
# The staged README's verification levels, as a sentence names them: (one row, several rows).
VERIFICATION_PHRASES = {
    "A": ("NATO's own page or transcript", "NATO's own pages or transcripts"),
    "A-": ("a parliamentary transcript", "parliamentary transcripts"),
    "B": ("a faithful reproduction of NATO's wording", "faithful reproductions of its wording"),
    "B/C": ("a reproduction or a press quotation", "reproductions or press quotations"),
    "C": ("a press quotation", "press quotations"),
    "D": ("an inference", "inferences"),
}


def compiled_rows(disputes: pd.DataFrame) -> pd.DataFrame:
    """The claims taken from the staged compilation, with their ``row`` number in it."""
    compiled = disputes[disputes["source_id"] == COMPILED]
    return compiled.assign(row=compiled["locator"].str.rsplit(":", n=1).str[1].astype(int))


def verification_sentence(disputes: pd.DataFrame) -> str:
    """'Of the four compiled rows the table cites, row 24 rests on NATO's own page …':
    which kind of evidence each compiled claim stands on, so that a press quotation is not
    read as NATO's own wording."""
    compiled = compiled_rows(disputes)
    unknown = sorted(set(compiled["verification"]) - set(VERIFICATION_PHRASES))
    if unknown:
        raise ValueError(f"verification level(s) {', '.join(map(repr, unknown))} unknown; "
                         f"accepted: {', '.join(VERIFICATION_PHRASES)}")
    return f"Of the {count_noun(len(compiled), 'compiled row')} the table cites, " + join_words(
        f"{'row' if len(rows) == 1 else 'rows'} {join_words(sorted(rows['row']))} "
        f"{'rests' if len(rows) == 1 else 'rest'} on "
        f"{VERIFICATION_PHRASES[level][len(rows) > 1]} ({level})"
        for level, rows in compiled.groupby("verification")) + "."


def pinpoint(locator: str, cite=author_year) -> str:
    """``chan2013:¶3`` -> ``Chan (2013), ¶3``: a corpus locator as an author-year pinpoint."""
    doc, _, paragraph = locator.partition(":¶")
    return f"{cite(doc)}, ¶{paragraph}" if paragraph else cite(doc)


def contact_label(row) -> str:
    """The short label of a contact (:data:`CONTACT_LABELS`), else its description and date."""
    label = CONTACT_LABELS.get(row["event_key"])
    return label or f"{str(row['description']).rstrip('.')} ({row['date']})"


def _distinct_contacts(events: pd.DataFrame, partner: str) -> pd.DataFrame:
    return contacts(partner_track(events, partner)).drop_duplicates("event_key")


def _witnesses(rows: pd.DataFrame, cite) -> list[str]:
    return [cite(s) for s in sorted(dict.fromkeys(rows["source_id"]))]


def _level_adjective(level: str) -> str:
    """``head-of-government`` as in "at head-of-government level"."""
    return LEVEL_PHRASES[level].replace(" ", "-") if level in (
        "head_of_government", "senior_official") else LEVEL_PHRASES[level]


def _partner_sentences(met: pd.DataFrame, everywhere: pd.DataFrame, partner: str,
                       cite) -> str:
    """What the selected documents say about one track: first contact, witnesses, levels."""
    name = PARTNERS[partner]
    if met.empty:
        if everywhere.empty:
            return f"No document in events.csv reports a NATO–{name} contact."
        sources = _witnesses(everywhere, cite)
        verb = "is" if len(sources) == 1 else "are"
        every = "the only one" if len(everywhere) == 1 else "every one"
        return (f"None of the selected documents reports a NATO–{name} contact: {every} in "
                f"events.csv comes from {join_words(sources)}, which {verb} not selected.")
    n, first = len(met), met.iloc[0]
    sources = _witnesses(met, cite)
    senior = met[met["level_rank"] <= LEVELS.index("secretary_general")]
    k = len(senior)
    if n == 1:
        text = (f"The only NATO–{name} contact coded by level, {contact_label(first)}, comes from "
                f"{sources[0]}; it is coded at {_level_adjective(first['level'])} level.")
    else:
        since = date_words(first["date"], day=True)
        if len(sources) == 1:
            text = (f"The first NATO–{name} contact coded by level dates from {since}, "
                    f"and all {_number(n)} come from one document, {sources[0]}: this "
                    f"track has a single witness.")
        else:
            text = (f"The first NATO–{name} contact coded by level dates from {since}; "
                    f"the {_number(n)} come from {_number(len(sources))} documents, "
                    f"{join_words(sources)}.")
        if k == 0:
            highest = met.sort_values("level_rank").iloc[0]["level"]
            text += (f" None reached the Secretary General or a more senior level; the highest "
                     f"was {_level_adjective(highest)} level.")
        else:
            if k <= 2:
                detail = join_words(contact_label(r) for _, r in senior.iterrows())
            else:
                counts = senior["level"].value_counts()
                detail = join_words(f"{_number(counts[lv])} at {_level_adjective(lv)} level"
                                    for lv in LEVELS if lv in counts.index)
            share = "All of them" if k == n else f"{_number(k).capitalize()} of the " \
                                                 f"{_number(n)}"
            text += f" {share} reached the Secretary General or a more senior level: {detail}."
    top = int(met["level_rank"].min())
    above = [LEVEL_PHRASES[lv] for lv in LEVELS[:top]
             if LEVELS.index(lv) < LEVELS.index("secretary_general")]
    if above:
        text += f" No NATO–{name} contact involved a {join_words(above, 'or a')}."
    return text


def track_sentences(shown: pd.DataFrame, everything: pd.DataFrame,
                    cite=author_year) -> dict[str, str]:
    """Sentences on the two contact tracks of the selected documents (section 1).

    ``shown``: the event rows of the selected documents; ``everything``: all of events.csv
    (to say where the contacts come from when the selection holds none). Keys: ``count``
    (both tracks), ``china``, ``japan`` (first contact, witnesses, levels), ``letters``
    (letters coded as contacts and what they add at Secretary General level or above),
    ``shared`` (contacts on both tracks).
    """
    met = {p: _distinct_contacts(shown, p) for p in PARTNERS}
    full = {p: _distinct_contacts(everything, p) for p in PARTNERS}
    out = {"count": "The selected documents record "
                    + join_words(_count(len(met[p]), f"NATO–{PARTNERS[p]} contact")
                                 for p in PARTNERS) + "."}
    for partner in PARTNERS:
        out[PARTNERS[partner].lower()] = _partner_sentences(met[partner], full[partner],
                                                            partner, cite)
    rows = pd.concat([met[p] for p in PARTNERS]).drop_duplicates("event_key")
    letters = rows[rows["event_key"].isin(LETTERS)].sort_values("decimal_year")
    rule = "A letter counts as a contact in events.csv, at the level of its most senior party"
    if letters.empty:
        out["letters"] = f"{rule}; none of the selected contacts is a letter."
    else:
        listed = join_words(f"{contact_label(r)}, reported by {pinpoint(r['locator'], cite)}"
                            for _, r in letters.iterrows())
        verb = "is a letter" if len(letters) == 1 else "are letters"
        text = (f"{rule}, and {_count(len(letters), 'selected contact')} {verb}, not a "
                f"meeting: {listed}.")
        for partner in PARTNERS:
            senior = met[partner][met[partner]["level_rank"]
                                  <= LEVELS.index("secretary_general")]
            n_letters = int(senior["event_key"].isin(LETTERS).sum())
            left = len(senior) - n_letters
            if n_letters and left:
                text += (f" Leaving {'it' if n_letters == 1 else 'them'} out, {_number(left)} "
                         f"of {PARTNERS[partner]}'s contacts reached the Secretary General or a "
                         f"more senior level, not {_number(len(senior))}.")
            elif n_letters:  # not "none of Japan's contacts reached ..., not one"
                text += (f" Leaving {'it' if n_letters == 1 else 'them'} out, no selected "
                         f"NATO–{PARTNERS[partner]} contact reached the Secretary General or a "
                         "more senior level.")
        out["letters"] = text
    shared = met["CHN"][met["CHN"]["event_key"].isin(set(met["JPN"]["event_key"]))]
    labels = [contact_label(r) for _, r in shared.iterrows()]
    if not labels:
        out["shared"] = "No contact sits on both tracks."
    else:
        subject = "One contact sits" if len(labels) == 1 else f"{len(labels)} contacts sit"
        out["shared"] = f"{subject} on both tracks: {join_words(labels)}."
    return out


def attention_sentences(rates: pd.DataFrame, cite=author_year) -> str:
    """Which selected document names China most and least often, and which name Japan more."""
    chn, jpn = rates["CHN_rate"], rates["JPN_rate"]
    if len(rates) == 1:
        doc = rates.index[0]
        text = (f"{cite(doc)}, the only document selected, names China {chn[doc]:.1f} times "
                f"per 1,000 words and Japan {jpn[doc]:.1f} times.")
        if not np.isclose(chn[doc], jpn[doc]):
            text += (" It names Japan more often than China." if jpn[doc] > chn[doc]
                     else " It names China more often than Japan.")
        return text
    peak, low = chn.idxmax(), chn.idxmin()
    text = (f"Among the selected documents, attention to China peaks in {cite(peak)}, at "
            f"{chn[peak]:.1f} mentions per 1,000 words, and is lowest in {cite(low)}, at "
            f"{chn[low]:.1f}.")
    more_japan = [cite(d) for d in rates.index[jpn > chn]]
    if not more_japan:
        text += " None of them names Japan more often than China."
    else:
        verb = "names" if len(more_japan) == 1 else "name"
        text += f" {join_words(more_japan)} {verb} Japan more often than China."
    return text


def _china_docs(framing: pd.DataFrame) -> list[str]:
    units = framing.drop_duplicates("doc_id").set_index("doc_id")["entity_units"]
    return [d for d in units.index if units[d] > 0]


def terms_present(framing: pd.DataFrame, terms) -> dict[str, list[str]]:
    """Per document (in framing order): which of ``terms`` occur in its China windows."""
    chosen = [t for t in dict.fromkeys(framing["term"]) if t in set(terms)]
    hits = framing[framing["term"].isin(chosen) & (framing["units"] > 0)]
    return {d: [t for t in chosen if t in set(hits.loc[hits["doc_id"] == d, "term"])]
            for d in dict.fromkeys(framing["doc_id"])}


def group_sentence(framing: pd.DataFrame, terms, group: str, window: str,
                   cite=author_year) -> str:
    """Which selected documents use a group of terms (e.g. of contest) near China, and which."""
    chosen = [t for t in terms if t in set(framing["term"])]
    if not chosen:
        return (f"None of the terms of {group} ({join_words(terms)}) is among the chosen "
                f"framing terms.")
    present = terms_present(framing, chosen)
    users = sorted((d for d in present if present[d]), key=lambda d: -len(present[d]))
    listed = f"the terms of {group} ({', '.join(chosen)})"
    if not users:
        return (f"None of the selected documents uses {listed} in a {window} that names "
                f"China.")

    def how_many(doc: str) -> str:
        k = len(present[doc])
        count = f"all {_number(k)}" if k == len(chosen) > 1 else _number(k)
        return f"{count} ({join_words(present[doc])})"

    parts = [f"{cite(users[0])} uses {how_many(users[0])} in its China {window}s"]
    parts += [f"{cite(d)} {how_many(d)}" for d in users[1:]]
    text = f"Of {listed}, {join_words(parts)}"
    others = [cite(d) for d in present if not present[d]]
    if others:
        text += f"; {join_words(others)} {'uses' if len(others) == 1 else 'use'} none"
    return text + "."


def everywhere_sentence(framing: pd.DataFrame, window: str) -> str:
    """The chosen terms found in the China windows of every selected document."""
    docs = _china_docs(framing)
    rows = framing[framing["doc_id"].isin(docs)]
    found = rows.groupby("term", sort=False)["units"].apply(lambda u: bool((u > 0).all()))
    terms = [f"“{t}”" for t in found.index if found[t]] if docs else []
    every = "the selected document" if len(docs) == 1 else "every selected document"
    where = f"the China {window}s of {every}"
    if not terms and len(docs) > 1 and not (rows["units"] > 0).any():  # nowhere at all
        return f"No chosen term occurs in the China {window}s of any selected document."
    if not terms:
        return f"No chosen term occurs in {where}."
    if len(terms) == 1:
        return f"Only {terms[0]} occurs in {where}."
    return f"The terms {join_words(terms)} occur in {where}."


def smallest_sample_sentence(framing: pd.DataFrame, window: str, cite=author_year) -> str:
    """How far one window moves a share in the document with the fewest China windows."""
    units = framing.drop_duplicates("doc_id").set_index("doc_id")["entity_units"]
    units = units[units > 0]
    if units.empty:
        return f"No selected document names China in any {window}."
    doc = units.idxmin()
    n = int(units[doc])
    if n == 1:
        return (f"The counts are small: {cite(doc)} names China in a single {window}, so its "
                f"shares can only be 0 or 100.")
    if n < 10:
        return (f"The counts are small: {cite(doc)} names China in only {_number(n)} "
                f"{window}s, so each of them moves that document's shares by {100 / n:.0f} "
                f"percentage points.")
    return (f"The fewest China {window}s in the selection are {n}, in {cite(doc)}, so no single "
            f"{window} moves a selected document's shares by more than {100 / n:.1f} "
            f"percentage points.")


CATEGORY_NAMES = {"threat_framing": "Threat", "cooperative_framing": "Cooperative",
                  "normative_framing": "Normative"}


def _occurrences(framing: pd.DataFrame, doc: str, category: str) -> int:
    """Occurrences of a category's chosen terms in the document's windows naming the entity."""
    rows = framing[(framing["doc_id"] == doc) & (framing["category"] == category)]
    return int(rows["count"].sum())


def _windows(framing: pd.DataFrame, doc: str) -> int:
    return int(framing.loc[framing["doc_id"] == doc, "entity_units"].iloc[0])


def _counts(framing: pd.DataFrame | None, category: str, docs, window: str) -> str:
    """" (3 in 2 paragraphs)": the counts behind a :func:`category_balance` ratio, or ""."""
    if framing is None:
        return ""
    pairs = [f"{_occurrences(framing, d, category)} in {_windows(framing, d)}" for d in docs]
    return f" ({join_words(pairs)} {window}s)"


def balance_sentences(balance: pd.DataFrame, window: str, cite=author_year,
                      framing: pd.DataFrame | None = None) -> str:
    """Where threat, cooperative and normative vocabulary is densest and thinnest; end points.

    ``balance``: :func:`category_balance` with document ids as its index (date order).
    ``framing``: the :func:`framing_around` table it was computed from; when given, each ratio
    is followed by its counts (occurrences in windows naming China), since in a short text a
    ratio of 1.50 may be three words in two paragraphs.
    """
    out = []
    unit = f"occurrences per China {window}"
    others = [c for c in balance.columns if c not in CATEGORY_NAMES]  # e.g. capability terms
    for category in [*CATEGORY_NAMES, *others]:
        name = CATEGORY_NAMES.get(category) or category.removesuffix("_framing").capitalize()
        if category not in balance.columns:
            out.append(f"No {name.lower()} term is among the chosen framing terms.")
            continue
        col = balance[category].dropna()
        if col.empty:
            continue
        if len(col) == 1:
            out.append(f"{cite(col.index[0])} uses no {name.lower()} term around China."
                       if np.isclose(col.iloc[0], 0) else
                       f"{cite(col.index[0])} has {col.iloc[0]:.2f} {unit} of "
                       f"{name.lower()} vocabulary.")
            continue
        top, bottom = col.max(), col.min()
        if np.isclose(top, 0):
            out.append(f"No {name.lower()} term occurs around China in any selected document.")
            continue
        if np.isclose(top, bottom):
            out.append(f"{name} vocabulary is equally dense around China in every selected "
                       f"document, at {top:.2f} {unit}.")
            continue
        most_docs, least_docs = col.index[np.isclose(col, top)], col.index[np.isclose(col, bottom)]
        most = join_words(cite(d) for d in most_docs)
        least = join_words(cite(d) for d in least_docs)
        low = f"absent from {least}" if np.isclose(bottom, 0) else (
            f"thinnest in {least}, with {bottom:.2f}"
            f"{_counts(framing, category, least_docs, window)}")
        out.append(f"{name} vocabulary is densest around China in {most}, with {top:.2f} "
                   f"{unit}{_counts(framing, category, most_docs, window)}, and {low}.")
    threat = balance["threat_framing"].dropna() if "threat_framing" in balance else None
    if threat is None:
        pass  # no threat term chosen, as said above: nothing to compare at the end points
    elif len(threat) < 2:
        out.append("Fewer than two selected documents name China, so there are no two end "
                   "points to compare over time.")
    else:
        first, last = threat.index[0], threat.index[-1]
        if np.isclose(threat[first], 0) and np.isclose(threat[last], 0):
            out.append(f"Neither the earliest nor the latest selected text, {cite(first)} and "
                       f"{cite(last)}, uses threat vocabulary around China, so the end points "
                       f"say nothing about a hardening view.")
        elif np.isclose(threat[first], threat[last]):
            out.append(f"The earliest and the latest selected texts, {cite(first)} and "
                       f"{cite(last)}, are equally dense in threat vocabulary around China, so "
                       f"not even the end points suggest a hardening view.")
        else:
            fewer = threat[last] < threat[first]
            verdict = "run against" if fewer else "seem to fit"
            sentence = (f"Set in date order, the end points {verdict}"
                        f" the familiar story of a hardening view: the latest selected text, "
                        f"{cite(last)}, uses {'less' if fewer else 'more'} threat vocabulary "
                        f"around China than the earliest, {cite(first)}")
            if framing is not None:
                (k_last, n_last), (k_first, n_first) = (
                    (_occurrences(framing, d, "threat_framing"), _windows(framing, d))
                    for d in (last, first))
                sentence += (f": {_number(k_last)} occurrence{'' if k_last == 1 else 's'} of "
                             f"a threat term in {_number(n_last)} China {window}"
                             f"{'' if n_last == 1 else 's'} against "
                             f"{_number(k_first, zero='none')} in {_number(n_first)}")
                if max(k_last, k_first) < 10:
                    sentence += ", too few words to show a change of view"
            out.append(sentence + ".")
    return " ".join(out)
