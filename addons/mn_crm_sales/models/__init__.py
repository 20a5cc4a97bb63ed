# The suite's rule switches (each family below adds its own) and its derived-value guard.
from . import rules

# Lost reasons: categories, required reasons, restore permission and log, follow-ups.
from . import lost

# The pipeline: leads first, the seed's stages.
from . import pipeline

# Sales documents: amount in words, Mongolian quotation e-mail, invoices of an opportunity.
from . import documents

# Discount limits and their approval (who may approve, what it covers, when it blocks).
from . import approval

# Pricelist rules: customer tiers and tags, weekdays and hours, order-wide quantity breaks.
from . import pricing

# The price floor: no line below cost plus the minimum margin.
from . import price_floor

# No way around the rules: state, line kinds and derived values only through the server.
from . import guards

# The Mongolian language pack: core code terms translated where the suite is installed.
from . import language

# Register numbers of customers (companies and citizens), unique, searchable, printed.
from . import register

# Demo data: the demo database's company as a Mongolian business.
from . import demo
