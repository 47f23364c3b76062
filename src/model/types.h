/* types.h - the nouns every wing shares: entity, event, modality, date
 * modifier and relation types, and their names (each from one table in
 * types.c: adding an event type is one enum value and one table row). */
#ifndef DOSSIER_MODEL_TYPES_H
#define DOSSIER_MODEL_TYPES_H

typedef enum {
    DX_ENT_NONE = 0,
    DX_ENT_PERSON,
    DX_ENT_ORG,
    DX_ENT_PLACE,
    DX_ENT_DATE,
    DX_ENT__COUNT
} dx_ent_type;
const char *dx_ent_type_name(dx_ent_type t);     /* "PERSON" ... */
const char *dx_ent_type_lower(dx_ent_type t);    /* "person", "organization", "place" */
dx_ent_type dx_ent_type_parse(const char *s);

typedef enum {
    DX_MOD_NONE = 0,
    DX_MOD_EARLY,
    DX_MOD_MID,
    DX_MOD_LATE,
    DX_MOD_APPROX
} dx_date_mod;
const char *dx_date_mod_name(dx_date_mod m); /* "", "early", ... */

/* Where an event's date comes from (timeline.csv's date_basis column). */
typedef enum {
    DX_DATE_NONE = 0, /* undated */
    DX_DATE_STATED,   /* a date in the trigger's own clause */
    DX_DATE_SENTENCE, /* a date elsewhere in its sentence */
    DX_DATE_CONTEXT,  /* inherited from the narrative before it */
} dx_date_basis;
const char *dx_date_basis_name(dx_date_basis b); /* "", "stated", "sentence", "context" */
dx_date_basis dx_date_basis_parse(const char *s); /* DX_DATE_NONE for "" or unknown */

/* How a PERSON/ORG/PLACE mention was linked to its entity (mentions.csv's
 * `link` column): by the label of a gazetteer entry, by one of its aliases,
 * by a surname or head word alone (to the one bearer the document names in
 * full, or the gazetteer's only one), or not at all (a new entity: found by
 * its shape, a namesake, a relative, a surname several people carry). */
typedef enum {
    DX_LINK_NONE = 0, /* DATE mentions */
    DX_LINK_GAZETTEER,
    DX_LINK_ALIAS,
    DX_LINK_SURNAME,
    DX_LINK_NEW,
    DX_LINK__COUNT
} dx_link;
const char *dx_link_name(dx_link l); /* "", "gazetteer", "alias", "surname", "new" */
dx_link dx_link_parse(const char *s); /* DX_LINK__COUNT when unknown */

/* Relations of the graph: participant edges (entity -> event), relations
 * derived from events (entity -> entity), and co-occurrence. */
typedef enum {
    DX_REL_NONE = 0,
    DX_REL_AGENT,       /* entity -> event */
    DX_REL_PATIENT,     /* entity -> event: to whom it was done */
    DX_REL_PLACE,
    DX_REL_SOURCE,      /* who alleges / confesses / denies it */
    DX_REL_ACCUSED,     /* person -> person, derived from events */
    DX_REL_ARRESTED,
    DX_REL_SENTENCED,
    DX_REL_EXECUTED,
    DX_REL_KILLED,
    DX_REL_TESTIFIED_AGAINST,
    DX_REL_CONSPIRED_WITH,
    DX_REL_EXPELLED,
    DX_REL_APPOINTED,
    DX_REL_DISMISSED,
    DX_REL_COOCCURS,    /* undirected, weighted */
    DX_REL__COUNT
} dx_rel;
const char *dx_rel_name(dx_rel r); /* "agent", "accused", ... */

typedef enum {
    DX_EV_NONE = 0,
    DX_EV_ARREST,
    DX_EV_TRIAL,
    DX_EV_CHARGE,
    DX_EV_CONFESSION,
    DX_EV_DENIAL,
    DX_EV_SENTENCE,
    DX_EV_EXECUTION,
    DX_EV_ASSASSINATION,
    DX_EV_CONSPIRACY,
    DX_EV_EXILE,
    DX_EV_EXPULSION,
    DX_EV_REHABILITATION,
    DX_EV_DEATH,
    DX_EV_APPOINTMENT,
    DX_EV_DISMISSAL,
    DX_EV__COUNT
} dx_ev_type;
const char *dx_ev_type_name(dx_ev_type t); /* "ARREST" ... */
dx_ev_type dx_ev_type_parse(const char *s);
/* The entity -> entity relation an event derives from its agents to its
 * patients (an arrest: "arrested"), or DX_REL_NONE. */
dx_rel dx_ev_relation(dx_ev_type t);
/* A speech act or procedure (trial, charge, confession, denial, sentence)
 * rather than the content of a claim. */
int dx_ev_is_procedural(dx_ev_type t);
/* A crime that charges and confessions are about (conspiracy, assassination). */
int dx_ev_is_crime(dx_ev_type t);
/* Its agents act together: each pair of them is related (conspired_with). */
int dx_ev_is_joint(dx_ev_type t);
/* It happens to a person once (death, execution, assassination): two accounts of it for
 * one person are one event, whatever dates they give. */
int dx_ev_is_once(dx_ev_type t);
/* The words of an event's headline: its noun ("Arrest"), and the
 * preposition before its patients ("of"), or before its agents when it
 * names no patient ("by"). */
const char *dx_ev_noun(dx_ev_type t);
const char *dx_ev_preposition(dx_ev_type t, int patients);

typedef enum {
    DX_MODAL_NONE = 0,
    DX_MODAL_ASSERTED,
    DX_MODAL_ALLEGED,
    DX_MODAL_CONFESSED,
    DX_MODAL_DENIED,
    DX_MODAL_HYPOTHETICAL,
    DX_MODAL__COUNT
} dx_modality;
const char *dx_modality_name(dx_modality m);
dx_modality dx_modality_parse(const char *s);
/* What a source does to an event it tells with this modality: "alleges",
 * "confesses", "denies", "supposes", "asserts" (the label and GEXF kind of
 * a source edge). */
const char *dx_source_verb(dx_modality m);

#endif
