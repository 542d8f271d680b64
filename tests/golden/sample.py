# %% [markdown]
# # Golden sample {#golden-sample}
#
# Lymph nodes are reached first [@alpha2020first]; @beta2019second found more, and e-mail
# such as someone@example.org is not a citation.
#
# ## A computed table {#computed-table}

# %%
from esoreview.display import show_figure, show_markdown, show_table

rows = [
    {"name": "a<b", "value": 1, "cites": "[@beta2019second]"},
    {"name": "c|d", "value": 2.5, "cites": ""},
]
show_table(rows, [("name", "Name"), ("value", "Value"), ("cites", "Cited")], raw_columns=["cites"])

# %% tags=["remove-input"]
show_markdown(f"The sum is **{sum(r['value'] for r in rows)}** [@alpha2020first; @beta2019second].")

# %% [markdown]
# ## A figure {#a-figure}

# %%
import plotly.graph_objects as go

show_figure(go.Figure(go.Bar(x=["x", "y"], y=[1, 2])), height=300, caption="Two bars")
print("printed text <kept escaped>")

# %% tags=["remove-cell"]
secret = "never shown"
