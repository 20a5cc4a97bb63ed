from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists

TRIGGER_FUNCTION = "mn_crm_lead_track_max_stage"
TRIGGER_NAME = "mn_crm_lead_max_stage_trg"


def drop_max_stage_trigger(cr):
    cr.execute(SQL("DROP TRIGGER IF EXISTS %s ON crm_lead", SQL.identifier(TRIGGER_NAME)))
    cr.execute(SQL("DROP FUNCTION IF EXISTS %s()", SQL.identifier(TRIGGER_FUNCTION)))


class CrmLead(models.Model):
    """The furthest pipeline stage a lead ever reached, for the win/loss report.

    Why a stored column kept by a database trigger:

    * exact: the trigger sees every change of ``stage_id``, whether it comes from the ORM,
      an import or plain SQL, and keeps the stage with the highest (sequence, id);
    * fast: the win/loss view reads one column instead of aggregating ``mail_tracking_value``
      (several rows per lead) on every pivot refresh;
    * free for the rest of Odoo: no ORM override, no extra query on create/write (core's
      query-count tests are unaffected).

    History before installation is rebuilt once from the stage tracking values.
    The ORM does not know the trigger: a value read through the ORM in the same transaction
    as a stage change may be stale until the record is invalidated; the reports read it in
    SQL after ``stage_id`` has been flushed (their ``_depends``), so they are always exact.
    Reordering stages later does not rewrite the stored stage.
    """

    _inherit = "crm.lead"

    mn_max_stage_id = fields.Many2one(
        "crm.stage",
        string="Furthest Stage",
        readonly=True,
        copy=False,
        help="Highest stage (by stage order) this lead has ever been in; kept by the database.",
    )

    def _mn_protected_fields(self):
        """The furthest stage is the trigger's: a caller may not write it (create or write).

        Written by a caller, a higher stage would stay (the trigger only raises it).
        """
        return super()._mn_protected_fields() | {"mn_max_stage_id"}

    def _auto_init(self):
        backfill = not column_exists(self.env.cr, "crm_lead", "mn_max_stage_id")
        result = super()._auto_init()
        self._mn_install_max_stage_trigger()
        if backfill:
            self._mn_backfill_max_stage()
        return result

    @api.model
    def _mn_install_max_stage_trigger(self):
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger
                LANGUAGE plpgsql AS $mn$
                BEGIN
                    IF NEW.stage_id IS NULL THEN
                        RETURN NEW;
                    END IF;
                    IF NEW.mn_max_stage_id IS NULL
                       OR (SELECT ROW(COALESCE(s.sequence, 0), s.id)
                             FROM crm_stage s WHERE s.id = NEW.stage_id)
                        > (SELECT ROW(COALESCE(s.sequence, 0), s.id)
                             FROM crm_stage s WHERE s.id = NEW.mn_max_stage_id)
                    THEN
                        NEW.mn_max_stage_id := NEW.stage_id;
                    END IF;
                    RETURN NEW;
                END
                $mn$
                """,
                function=SQL.identifier(TRIGGER_FUNCTION),
            )
        )
        cr.execute(SQL("DROP TRIGGER IF EXISTS %s ON crm_lead", SQL.identifier(TRIGGER_NAME)))
        cr.execute(
            SQL(
                """
                CREATE TRIGGER %(trigger)s
                BEFORE INSERT OR UPDATE OF stage_id ON crm_lead
                FOR EACH ROW EXECUTE FUNCTION %(function)s()
                """,
                trigger=SQL.identifier(TRIGGER_NAME),
                function=SQL.identifier(TRIGGER_FUNCTION),
            )
        )

    @api.model
    def _mn_backfill_max_stage(self):
        """Rebuild the furthest stage of existing leads from stage tracking and current stage."""
        stage_field = self.env["ir.model.fields"]._get("crm.lead", "stage_id")
        self.env.cr.execute(
            SQL(
                """
                WITH reached AS (
                    SELECT l.id AS lead_id, l.stage_id AS stage_id
                      FROM crm_lead l
                     WHERE l.stage_id IS NOT NULL
                    UNION ALL
                    SELECT m.res_id, v.old_value_integer
                      FROM mail_tracking_value v
                      JOIN mail_message m ON m.id = v.mail_message_id
                     WHERE m.model = 'crm.lead' AND v.field_id = %(field)s
                    UNION ALL
                    SELECT m.res_id, v.new_value_integer
                      FROM mail_tracking_value v
                      JOIN mail_message m ON m.id = v.mail_message_id
                     WHERE m.model = 'crm.lead' AND v.field_id = %(field)s
                ), furthest AS (
                    SELECT DISTINCT ON (r.lead_id) r.lead_id, s.id AS stage_id
                      FROM reached r
                      JOIN crm_stage s ON s.id = r.stage_id
                     ORDER BY r.lead_id, COALESCE(s.sequence, 0) DESC, s.id DESC
                )
                UPDATE crm_lead l
                   SET mn_max_stage_id = f.stage_id
                  FROM furthest f
                 WHERE l.id = f.lead_id
                """,
                field=stage_field.id,
            )
        )
