"""The engine's own messages: every error, warning and finding the engine words itself.

Codes are grouped by where they arise (``yaml.``, ``csv.``, ``schema.``,
``unit.``, ``scheme.``, ``plugin.``, ``engine.``, ``run.``). Chinese is the
default language; English covers everything here. The texts of the finding
codes several plugins share (``integrity.duplicate_id`` and the like) come from
:mod:`evaluator.rules`, which defines them. Plugins add the texts of their own
findings through the ``register_messages`` hook.
"""

from __future__ import annotations

from evaluator.messages import Catalogue, Templates
from evaluator.rules import MESSAGES as SHARED

__all__ = ["ENGINE", "MESSAGES"]

MESSAGES: Templates = {
    # ---------------------------------------------------------------- scoring
    "engine.no_data": {
        "zh": "未提交数据：缺少{section}部分",
        "en": "no data submitted: the {section} section is missing",
    },
    "engine.no_data_veto": {
        "zh": "单项否决指标无数据，按未通过处理",
        "en": "a veto check without data fails",
    },
    "engine.scorer_failed": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 出错：{error}（{where}）",
        "en": "scorer {scorer} (plugin {plugin}) failed: {error} at {where}",
    },
    "engine.not_an_outcome": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回了 {type}，而不是 Outcome",
        "en": "scorer {scorer} (plugin {plugin}) returned {type}, not an Outcome",
    },
    "engine.points_not_finite": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回的分值 {points} 不是有限数",
        "en": "scorer {scorer} (plugin {plugin}) returned points {points}, not a finite number",
    },
    "engine.points_out_of_range": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回 {points} 分，超出 0..{max:g} 分",
        "en": "scorer {scorer} (plugin {plugin}) returned {points} points, outside 0..{max:g}",
    },
    "engine.bad_status": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回了未知状态 {status}",
        "en": "scorer {scorer} (plugin {plugin}) returned status {status}",
    },
    "engine.bad_findings": {
        "zh": "评分插件 {plugin} 的评分器 {scorer} 返回的发现不是 Finding 对象",
        "en": "scorer {scorer} (plugin {plugin}) returned findings that are not Finding objects",
    },
}

ENGINE = Catalogue({**MESSAGES, **SHARED})
"""The engine's catalogue; a run's catalogue adds each plugin's texts to it."""
