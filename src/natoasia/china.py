"""NATO and China beside NATO and Japan: contact tracks, framing across documents, 2013.

Helpers for notebook ``03_china_engagement``:

- the two tracks of dated events (``events.csv``) that involve NATO and China or NATO and
  Japan, with contacts placed by the level at which they took place;
- how often each seed document names China, and which framing terms surround it, from the
  committed corpus features (``corpus_paragraphs``/``corpus_mentions``/
  ``corpus_cooccurrence``; see :mod:`natoasia.text`), documents in publication order;
- the April 2013 visit to Tokyo: statements coded by stance, and what Japan sought, what
  NATO offered and withheld, what was said about China;
- the claims on which the documents disagree, each with its source and locator.

Nothing here reads the corpus: the notebook runs on committed tables only.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from natoasia import events as timeline
from natoasia import plotting
from natoasia.text import ANY, mention_rates

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
    "JPN": ("Strategic dialogue of senior officials since the early 1990s, more structured "
            "over time", "jamestown2013:¶4"),
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

# Claims on which the sources differ and that no dated event row captures on its own (C1 and
# C2 of events.csv are repeated here with their event_id so the table reads in one place).
# Claims are paraphrases written for this project; every one names its source and locator.
DISPUTES = (
    {"issue": "When did NATO-China contact begin?", "conflict_group": "C1",
     "source_id": "weinrod2008", "locator": "weinrod2008:¶35", "event_id": "E011",
     "claim": "Writing in 2008: no meaningful NATO-China interaction yet; the 1999 embassy "
              "bombing was the only significant contact."},
    {"issue": "When did NATO-China contact begin?", "conflict_group": "C1",
     "source_id": "jamestown2013", "locator": "jamestown2013:¶6", "event_id": "E016",
     "claim": "China's ambassador first met the Secretary General in 2002; several high-level "
              "meetings followed, among them a Deputy Secretary General's visit in 2009."},
    {"issue": "When did NATO-Japan relations begin?", "conflict_group": "C2",
     "source_id": "jamestown2013", "locator": "jamestown2013:¶4", "event_id": "E003",
     "claim": "A strategic dialogue of senior officials began in the early 1990s."},
    {"issue": "When did NATO-Japan relations begin?", "conflict_group": "C2",
     "source_id": "weinrod2008", "locator": "weinrod2008:¶9", "event_id": "E005",
     "claim": "NATO decided in 1992 to seek an informal link with Japan."},
    {"issue": "When did NATO-Japan relations begin?", "conflict_group": "C2",
     "source_id": "galic2021", "locator": "galic2021:¶1", "event_id": "E013",
     "claim": "NATO and its Asia-Pacific partners built their relations over the past two "
              "decades, i.e. from about 2001."},
    {"issue": "Did China take part in NATO's counter-piracy operation?", "conflict_group": "",
     "source_id": "chan2013", "locator": "chan2013:¶8", "event_id": "",
     "claim": "South Korea and China both took part in Operation Ocean Shield, NATO's "
              "counter-piracy mission off the Horn of Africa."},
    {"issue": "Did China take part in NATO's counter-piracy operation?", "conflict_group": "",
     "source_id": "jamestown2013", "locator": "jamestown2013:¶7", "event_id": "",
     "claim": "Five months later, counts fighting piracy only among the interests NATO shares "
              "with China; reports no joint operation and no structured dialogue (¶6)."},
    {"issue": "When did China get onto NATO's agenda?", "conflict_group": "",
     "source_id": "grand2024", "locator": "grand2024:¶4", "event_id": "E049",
     "claim": "NATO's growing interest in China-related security challenges dates from the "
              "2022 Madrid summit."},
    {"issue": "When did China get onto NATO's agenda?", "conflict_group": "",
     "source_id": "galic2021", "locator": "galic2021:¶2", "event_id": "",
     "claim": "In 2021 the NATO 2030 expert report already asked for more attention to China, "
              "a relatively new focus for the Alliance."},
    {"issue": "When did China get onto NATO's agenda?", "conflict_group": "",
     "source_id": "nato_china_texts_compiled",
     "locator": "file:nato_texts/china_in_nato_texts.csv;row:10", "event_id": "",
     "claim": "The Allies' Brussels communiqué of June 2021 (para. 55) already described "
              "systemic challenges from China."},
    {"issue": "When was the NATO 2030 report issued?", "conflict_group": "",
     "source_id": "galic2021", "locator": "galic2021:¶1", "event_id": "E047",
     "claim": "Calls the expert-group report recent in a 2021 text; the timeline can date it "
              "only to 2021."},
    {"issue": "When was the NATO 2030 report issued?", "conflict_group": "",
     "source_id": "nato_china_texts_compiled",
     "locator": "file:nato_texts/china_in_nato_texts.csv;row:8", "event_id": "",
     "claim": "The report's title page is dated 25 November 2020; it was published on "
              "1 December 2020 (date only; its China wording is not cited exactly)."},
)


# --------------------------------------------------------------------------- documents


def documents_by_date(sources: pd.DataFrame, doc_ids: list[str]) -> list[str]:
    """The chosen documents in publication order (then by id), whatever order they came in."""
    known = sources.set_index("source_id")
    missing = [d for d in doc_ids if d not in known.index]
    if missing:
        raise KeyError(f"unknown document(s) {', '.join(missing)}; known: "
                       f"{', '.join(sorted(known.index))}")
    return sorted(doc_ids, key=lambda d: (str(known.loc[d, "published"]), d))


def document_labels(sources: pd.DataFrame, doc_ids: list[str]) -> dict[str, str]:
    """``doc_id (YYYY-MM)``: a document and when it was published, for axis labels."""
    published = sources.set_index("source_id")["published"]
    return {d: f"{d} ({published[d]})" for d in doc_ids}


# --------------------------------------------------------------------------- contact tracks


def actor_set(actors: str) -> set[str]:
    return {a for a in str(actors).split(";") if a}


def partner_track(events: pd.DataFrame, partner: str) -> pd.DataFrame:
    """Events with ``partner`` and NATO itself among the actors, in date order.

    Adds ``decimal_year`` (see :func:`natoasia.events.decimal_year`) and ``partner``.
    """
    if partner not in PARTNERS:
        raise ValueError(f"partner {partner!r} is not one of {', '.join(PARTNERS)}")
    sets = events["actors"].map(actor_set)
    chosen = events[sets.map(lambda s: partner in s and bool(s & set(NATO_SIDE)))]
    chosen = chosen.assign(
        decimal_year=[timeline.decimal_year(d, p) for d, p in
                      zip(chosen["date"], chosen["date_precision"], strict=True)],
        partner=partner,
    )
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
        dialogue, locator = DIALOGUE[partner]
        out.append({
            "partner": PARTNERS[partner],
            "track_events": int(track["event_key"].nunique()),
            "contacts": len(met),
            "first_contact": first["date"] if first is not None else "",
            "first_contact_level": first["level"] if first is not None else "",
            "highest_level": levels[0] if levels else "",
            "levels_reached": "; ".join(levels),
            "sg_or_higher": int((met["level_rank"] <= LEVELS.index("secretary_general")).sum()),
            "structured_dialogue": dialogue,
            "dialogue_locator": locator,
        })
    return pd.DataFrame(out).set_index("partner")


def contact_figure(events: pd.DataFrame, title: str, source: str,
                   first_year: int = 1989, last_year: int = 2024) -> plt.Figure:
    """Contacts by level, China above Japan on one time axis; milestones in a strip below.

    Circles: dates the document states; diamonds: approximate dates; a ring around a
    marker: a row in a conflict group (the documents disagree about it). Each panel's title
    says whether the track had a structured dialogue, with its locator.
    """
    n = len(LEVELS)
    fig, axes = plt.subplots(len(PARTNERS), 1, figsize=(10, 8), sharex=True)
    for ax, partner in zip(axes, PARTNERS, strict=True):
        track = partner_track(events, partner)
        met = contacts(track)
        colour = PARTNER_COLOURS[partner]
        for approximate, marker in ((False, "o"), (True, "D")):
            rows = met[met["approximate"].fillna(False).astype(bool) == approximate]
            ax.scatter(rows["decimal_year"], rows["level_rank"], s=70, marker=marker,
                       color=colour, edgecolor="white", linewidth=0.6, zorder=4)
        disputed = met[met["conflict_group"].notna()]
        ax.scatter(disputed["decimal_year"], disputed["level_rank"], s=230, facecolor="none",
                   edgecolor=plotting.OKABE_ITO["black"], linewidth=1.2, zorder=5)
        marks = track[track["event_key"].isin(MILESTONES[partner])].drop_duplicates("event_key")
        for i, (_, row) in enumerate(marks.iterrows()):
            ax.axvline(row["decimal_year"], color="#999999", linestyle=":", linewidth=1,
                       zorder=1)
            near_end = row["decimal_year"] > last_year - 4  # label to the left of the line
            ax.text(row["decimal_year"] + (-0.2 if near_end else 0.2), n + 0.35 + 0.6 * (i % 3),
                    MILESTONES[partner][row["event_key"]], va="center",
                    ha="right" if near_end else "left", fontsize=7.5, color="#333333")
        if met.empty:
            ax.text((first_year + last_year) / 2, (n - 1) / 2,
                    "no contacts in the selected documents", ha="center", color="#666666")
        dialogue, locator = DIALOGUE[partner]
        ax.set_title(f"NATO–{PARTNERS[partner]}. {dialogue} ({locator})", loc="left",
                     fontsize=9, fontweight="normal", color=colour)
        ax.set_yticks(list(range(n)) + [n + 0.95],
                      [LEVEL_LABELS[lv] for lv in LEVELS] + ["Milestones"])
        ax.set_ylim(n + 1.8, -0.7)  # highest level at the top, milestone strip at the bottom
        ax.axhline(n - 0.35, color="#cccccc", linewidth=0.6)
        ax.set_ylabel("Highest level taking part")
        ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
        ax.set_xlim(first_year - 0.5, last_year + 1)
    axes[-1].set_xlabel("Year (year-precision events placed at mid-year)")
    handles = [
        plt.Line2D([], [], marker="o", linestyle="", color="#555555", label="contact, date stated"),
        plt.Line2D([], [], marker="D", linestyle="", color="#555555",
                   label="contact, date approximate"),
        plt.Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markersize=13,
                   markeredgecolor="black", label="documents disagree (conflict group)"),
        plt.Line2D([], [], color="#999999", linestyle=":", label="milestone (not a contact)"),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, -0.02))
    fig.tight_layout(rect=(0, 0.03, 1, 0.97))
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

    From the committed co-occurrence table (one row per doc, window, entity, term with
    ``units`` = windows and ``count`` = occurrences; ``*`` marks the marginals). Columns:
    doc_id, term, category, units, count, entity_units (windows naming the entity),
    term_units (windows with the term), window_units (all windows), share (units /
    entity_units), baseline (term_units / window_units). Every (document, term) pair is
    present, with zeros where they never meet; share is NaN where the document never names
    the entity. Rows follow ``doc_ids`` then ``terms``.
    """
    table = cooccurrence[(cooccurrence["window"] == window)
                         & cooccurrence["doc_id"].isin(doc_ids)]

    def units(entity_id: str, term: str, column: str = "units") -> pd.Series:
        rows = table[(table["entity_id"] == entity_id) & (table["term"] == term)]
        return rows.set_index("doc_id")[column]

    pairs = table[(table["entity_id"] == entity) & (table["term"] != ANY)]
    term_rows = table[(table["entity_id"] == ANY) & (table["term"] != ANY)]
    grid = pd.MultiIndex.from_product([doc_ids, terms], names=["doc_id", "term"])
    out = pd.DataFrame(index=grid).reset_index()
    out["category"] = out["term"].map(categories)
    keyed = pairs.set_index(["doc_id", "term"])
    out["units"] = keyed["units"].reindex(grid).fillna(0).astype("int64").to_numpy()
    out["count"] = keyed["count"].reindex(grid).fillna(0).astype("int64").to_numpy()
    out["entity_units"] = out["doc_id"].map(units(entity, ANY)).fillna(0).astype("int64")
    out["term_units"] = (term_rows.set_index(["doc_id", "term"])["units"].reindex(grid)
                         .fillna(0).astype("int64").to_numpy())
    out["window_units"] = out["doc_id"].map(units(ANY, ANY)).fillna(0).astype("int64")
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
    fig.tight_layout(rect=(0, 0, 1, 0.93))  # room for the title
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
    ax.legend(title="Framing category", frameon=False, fontsize=8, title_fontsize=8,
              loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout(rect=(0, 0, 1, 0.93))  # room for the title
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
                     label_type="center", fontsize=8)
        left += values
    ax.set_yticks(y, list(matrix.index))
    ax.invert_yaxis()
    ax.set_xlabel("Statements (2013) or communiqué paragraphs (2021, 2023) coded with the stance")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(title="Stance", frameon=False, fontsize=8, title_fontsize=8, loc="upper left",
              bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout(rect=(0, 0, 1, 0.93))  # room for the title
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
        when = f"as of {row['date']}" if row["date_basis"] == "document" else row["date"]
        labels.append(f"{who}: {kind} ({when}{spread})")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    for yi, (_, row) in zip(y, rows.iterrows(), strict=True):
        prefix = "more than " if row["amount_qualifier"] == "more_than" else ""
        ax.text(row["amount"] + 0.05, yi, f"{prefix}{row['amount']:g} {unit}", va="center",
                fontsize=9)
    ax.set_xlabel(f"Amount as the document states it ({unit} {currency}, nominal)")
    ax.set_xlim(0, float(rows["amount"].max()) * 1.3)
    fig.tight_layout(rect=(0, 0, 1, 0.93))  # room for the title
    plotting.finish(fig, title, source)
    return fig


# --------------------------------------------------------------------------- disagreements


def disagreements(events: pd.DataFrame) -> pd.DataFrame:
    """The disputed claims, side by side, checked against the events they refer to.

    A claim tied to an event row must cite the same locator; a claim in conflict group C<n>
    must point at a row of that group. Columns: issue, conflict_group, source_id, locator,
    event_id, claim.
    """
    table = pd.DataFrame(DISPUTES)
    by_id = events.set_index("event_id")
    for _, claim in table[table["event_id"] != ""].iterrows():
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

