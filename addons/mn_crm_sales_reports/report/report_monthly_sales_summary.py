from odoo import api, models


class ReportMonthlySalesSummary(models.AbstractModel):
    _name = "report.mn_crm_sales_reports.report_monthly_sales_summary"
    _description = "Monthly Sales Summary (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["mn.sales.summary.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "mn.sales.summary.wizard",
            "docs": wizards,
            "summaries": {wizard.id: wizard._mn_summary_values() for wizard in wizards},
        }
