"""The records every stage shares: the model, read-only containers, messages and their texts,
and a run's refusal (:mod:`.problems`).

Nothing here reads a file or imports another part of the engine; every other
package may import from here.
"""
