"""The ``odoo-bin shell`` script that readies a database for a load run.

The same script runs on the stock and on the suite database: the settings the suite turns
on (Pricelists, Discounts, Leads) on in both, N salespeople (Sales: Own Documents Only,
plus Inventory and Billing rights so that they deliver and invoice their own orders), a
team leader with All Documents, one sales team, products of a category whose discount
limit is 10 % (suite), a lost reason with no extra demand, a free block of register
numbers, and an API key per user. It prints one line ``MN_LOAD_SETUP {json}``.
"""

SCRIPT = r"""
import json, random
clients = {clients}
suite = "mn_max_discount" in env["product.category"]._fields
company = env.ref("base.main_company")
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       allowed_company_ids=[company.id]))
features = {{
    "group_product_pricelist": "product.group_product_pricelist",
    "group_discount_per_so_line": "sale.group_discount_per_so_line",
    "group_use_lead": "crm.group_use_lead",
}}
employee = env.ref("base.group_user")
if any(env.ref(xmlid) not in employee.all_implied_ids for xmlid in features.values()):
    env["res.config.settings"].create(dict.fromkeys(features, True)).execute()
Users = env["res.users"].with_context(no_reset_password=True)

def user(login, name, xmlids):
    found = Users.search([("login", "=", login)])
    groups = [env.ref(x).id for x in xmlids]
    vals = {{"name": name, "login": login, "lang": "mn_MN", "tz": "Asia/Ulaanbaatar",
            "email": f"{{login}}@load.mn", "notification_type": "email",
            "company_id": company.id, "company_ids": [(6, 0, [company.id])],
            "group_ids": [(6, 0, groups)]}}
    if found:
        found.write(vals)
        return found
    return Users.create(vals)

seller_groups = ["sales_team.group_sale_salesman", "stock.group_stock_user",
                 "account.group_account_invoice"]
sellers = [user(f"load_seller_{{i}}", f"Ачаалал борлуулагч {{i}}", seller_groups)
           for i in range(1, clients + 1)]
leader = user("load_leader", "Ачаалал ахлагч",
              ["sales_team.group_sale_salesman_all_leads"])
team = env["crm.team"].search([("name", "=", "Ачааллын баг")], limit=1) or env["crm.team"].create(
    {{"name": "Ачааллын баг", "company_id": company.id}})
team.write({{"user_id": leader.id, "use_leads": True, "use_opportunities": True}})
for seller in sellers:
    if seller not in team.member_ids:
        env["crm.team.member"].create({{"crm_team_id": team.id, "user_id": seller.id}})
category = env["product.category"].search([("name", "=", "Ачааллын бараа")], limit=1) or \
    env["product.category"].create({{"name": "Ачааллын бараа"}})
limit = 0.0
if suite:
    category.mn_max_discount = limit = 10.0
products = env["product.product"].search([("categ_id", "=", category.id)])
if not products:
    products = env["product.product"].create([{{
        "name": f"Ачааллын бараа {{i}}", "type": "consu", "categ_id": category.id,
        "list_price": 100000.0 * i, "standard_price": 5000.0 * i,
        "invoice_policy": "order", "sale_ok": True,
    }} for i in range(1, 4)])
customers = env["res.partner"].search([("name", "=like", "Ачааллын харилцагч %")])
if not customers:
    customers = env["res.partner"].create([
        {{"name": f"Ачааллын харилцагч {{i}}", "is_company": True}} for i in range(1, 4)])
reason = env["crm.lost.reason"].search([("name", "=", "Ачаалал: үнэ")], limit=1) or \
    env["crm.lost.reason"].create({{"name": "Ачаалал: үнэ"}})
if suite:
    reason.write({{"mn_note_required": False, "mn_category_id": False, "mn_team_ids": [(5,)]}})
# a block of 100,000 company register numbers nobody uses yet
used = set()
if suite:
    for table in ("res_partner", "crm_lead"):
        env.cr.execute(
            f"SELECT DISTINCT substr(mn_register_number, 1, 2) FROM {{table}}"
            " WHERE mn_register_number ~ '^[0-9]{{7}}$'")
        used |= {{int(row[0]) for row in env.cr.fetchall()}}
free = [block for block in range(20, 99) if block not in used]
register_base = random.choice(free) * 100000
keys = {{}}
for who in sellers + [leader]:
    keys[who.login] = env["res.users.apikeys"].with_user(who).sudo()._generate(
        None, "load", None)
env.cr.commit()
env.registry.signal_changes()
print("MN_LOAD_SETUP " + json.dumps({{
    "suite": suite,
    "company_id": company.id,
    "team_id": team.id,
    "leader": {{"login": leader.login, "id": leader.id, "key": keys[leader.login]}},
    "sellers": [{{"login": s.login, "id": s.id, "key": keys[s.login]}} for s in sellers],
    "product_ids": products.ids,
    "customer_ids": customers.ids,
    "category_id": category.id,
    "discount_limit": limit,
    "lost_reason_id": reason.id,
    "register_base": register_base,
}}))
"""


def script(clients):
    return SCRIPT.format(clients=clients)
