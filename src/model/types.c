/* types.c - the names and properties of the shared enums, each from one table. */
#include <string.h>

#include "model/types.h"

/* strcmp(a, b) == 0 for the short names here, inlined: the shards' every
 * mention row parses two of them, where a call was most of the cost. */
static inline int same(const char *a, const char *b)
{
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

static const char *const ent_names[] = {"", "PERSON", "ORG", "PLACE", "DATE"};
static const char *const ent_lower[] = {"", "person", "organization", "place", "date"};

const char *dx_ent_type_name(dx_ent_type t)
{
    return t > DX_ENT_NONE && t < DX_ENT__COUNT ? ent_names[t] : "";
}

const char *dx_ent_type_lower(dx_ent_type t)
{
    return t > DX_ENT_NONE && t < DX_ENT__COUNT ? ent_lower[t] : "";
}

dx_ent_type dx_ent_type_parse(const char *s)
{
    for (int t = 1; t < DX_ENT__COUNT; t++)
        if (s[0] == ent_names[t][0] && same(s, ent_names[t])) return (dx_ent_type)t;
    if (same(s, "ORGANIZATION") || same(s, "ORGANISATION")) return DX_ENT_ORG;
    if (same(s, "LOC") || same(s, "LOCATION")) return DX_ENT_PLACE;
    return DX_ENT_NONE;
}

enum { PROCEDURAL = 1, CRIME = 2, JOINT = 4, ONCE = 8 };

/* noun, preposition before its patients, before its agents (when it names
 * no patient): an event's headline, "Arrest of Nikolai Bukharin" */
static const struct {
    const char *name;
    dx_rel rel;     /* derived agent -> patient relation */
    unsigned flags;
    const char *noun, *of_patients, *of_agents;
} ev_info[DX_EV__COUNT] = {
    [DX_EV_NONE] = {"", DX_REL_NONE, 0, "Event", "of", "by"},
    [DX_EV_ARREST] = {"ARREST", DX_REL_ARRESTED, 0, "Arrest", "of", "by"},
    [DX_EV_TRIAL] = {"TRIAL", DX_REL_NONE, PROCEDURAL, "Trial", "of", "by"},
    [DX_EV_CHARGE] = {"CHARGE", DX_REL_ACCUSED, PROCEDURAL, "Charges", "against", "by"},
    [DX_EV_CONFESSION] = {"CONFESSION", DX_REL_NONE, PROCEDURAL, "Confession", "of", "of"},
    [DX_EV_DENIAL] = {"DENIAL", DX_REL_NONE, PROCEDURAL, "Denial", "of", "by"},
    [DX_EV_SENTENCE] = {"SENTENCE", DX_REL_SENTENCED, PROCEDURAL, "Sentencing", "of", "by"},
    [DX_EV_EXECUTION] = {"EXECUTION", DX_REL_EXECUTED, ONCE, "Execution", "of", "by"},
    [DX_EV_ASSASSINATION] = {"ASSASSINATION", DX_REL_KILLED, CRIME | ONCE, "Assassination", "of", "by"},
    [DX_EV_CONSPIRACY] = {"CONSPIRACY", DX_REL_NONE, CRIME | JOINT, "Conspiracy", "against", "of"},
    [DX_EV_EXILE] = {"EXILE", DX_REL_NONE, 0, "Exile", "of", "by"},
    [DX_EV_EXPULSION] = {"EXPULSION", DX_REL_EXPELLED, 0, "Expulsion", "of", "by"},
    [DX_EV_REHABILITATION] = {"REHABILITATION", DX_REL_NONE, 0, "Rehabilitation", "of", "by"},
    [DX_EV_DEATH] = {"DEATH", DX_REL_NONE, ONCE, "Death", "of", "of"},
    [DX_EV_APPOINTMENT] = {"APPOINTMENT", DX_REL_APPOINTED, 0, "Appointment", "of", "by"},
    [DX_EV_DISMISSAL] = {"DISMISSAL", DX_REL_DISMISSED, 0, "Dismissal", "of", "by"},
};

const char *dx_ev_type_name(dx_ev_type t)
{
    return t > DX_EV_NONE && t < DX_EV__COUNT ? ev_info[t].name : "";
}

dx_ev_type dx_ev_type_parse(const char *s)
{
    for (int t = 1; t < DX_EV__COUNT; t++)
        if (s[0] == ev_info[t].name[0] && same(s, ev_info[t].name)) return (dx_ev_type)t;
    return DX_EV_NONE;
}

dx_rel dx_ev_relation(dx_ev_type t) { return t > DX_EV_NONE && t < DX_EV__COUNT ? ev_info[t].rel : DX_REL_NONE; }

static unsigned ev_flags(dx_ev_type t) { return t > DX_EV_NONE && t < DX_EV__COUNT ? ev_info[t].flags : 0; }
int dx_ev_is_procedural(dx_ev_type t) { return (ev_flags(t) & PROCEDURAL) != 0; }
int dx_ev_is_crime(dx_ev_type t) { return (ev_flags(t) & CRIME) != 0; }
int dx_ev_is_joint(dx_ev_type t) { return (ev_flags(t) & JOINT) != 0; }
int dx_ev_is_once(dx_ev_type t) { return (ev_flags(t) & ONCE) != 0; }

const char *dx_ev_noun(dx_ev_type t) { return ev_info[t > DX_EV_NONE && t < DX_EV__COUNT ? t : DX_EV_NONE].noun; }

const char *dx_ev_preposition(dx_ev_type t, int patients)
{
    int i = t > DX_EV_NONE && t < DX_EV__COUNT ? (int)t : DX_EV_NONE;
    return patients ? ev_info[i].of_patients : ev_info[i].of_agents;
}

static const char *const modal_names[] = {"", "ASSERTED", "ALLEGED", "CONFESSED", "DENIED",
                                          "HYPOTHETICAL"};

const char *dx_modality_name(dx_modality m)
{
    return m > DX_MODAL_NONE && m < DX_MODAL__COUNT ? modal_names[m] : "";
}

dx_modality dx_modality_parse(const char *s)
{
    for (int t = 1; t < DX_MODAL__COUNT; t++)
        if (s[0] == modal_names[t][0] && same(s, modal_names[t])) return (dx_modality)t;
    return DX_MODAL_NONE;
}

static const char *const mod_names[] = {"", "early", "mid", "late", "approx"};

const char *dx_date_mod_name(dx_date_mod m)
{
    return m <= DX_MOD_APPROX ? mod_names[m] : "";
}

static const char *const basis_names[] = {"", "stated", "sentence", "context"};

const char *dx_date_basis_name(dx_date_basis b)
{
    return b <= DX_DATE_CONTEXT ? basis_names[b] : "";
}

dx_date_basis dx_date_basis_parse(const char *s)
{
    for (int b = DX_DATE_STATED; b <= DX_DATE_CONTEXT; b++)
        if (s[0] == basis_names[b][0] && same(s, basis_names[b])) return (dx_date_basis)b;
    return DX_DATE_NONE;
}

static const char *const link_names[DX_LINK__COUNT] = {"", "gazetteer", "alias", "surname", "new"};

const char *dx_link_name(dx_link l) { return l < DX_LINK__COUNT ? link_names[l] : ""; }

dx_link dx_link_parse(const char *s)
{
    for (int l = 0; l < DX_LINK__COUNT; l++)
        if (s[0] == link_names[l][0] && same(s, link_names[l])) return (dx_link)l;
    return DX_LINK__COUNT;
}

static const char *const rel_names[DX_REL__COUNT] = {
    "",          "agent",     "patient",   "place",    "source",
    "accused",   "arrested",  "sentenced", "executed", "killed",
    "testified_against", "conspired_with", "expelled", "appointed", "dismissed",
    "cooccurs"};

const char *dx_rel_name(dx_rel r) { return r > DX_REL_NONE && r < DX_REL__COUNT ? rel_names[r] : ""; }

const char *dx_source_verb(dx_modality m)
{
    switch (m) {
    case DX_MODAL_ALLEGED: return "alleges";
    case DX_MODAL_CONFESSED: return "confesses";
    case DX_MODAL_DENIED: return "denies";
    case DX_MODAL_HYPOTHETICAL: return "supposes";
    default: return "asserts";
    }
}
