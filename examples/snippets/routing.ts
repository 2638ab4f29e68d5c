// Providers and the tier router: local for easy work, strong for coding, with fallback.
import { createRouter } from '@graft/core';
import { anthropic, fallback, groq, ollama, openai } from '@graft/providers';

const router = createRouter({
  tiers: {
    standard: fallback([ollama({ model: 'qwen2.5:7b' }), groq({ model: 'llama-3.3-70b-versatile' })]),
    heavy: fallback([anthropic({ model: 'claude-sonnet-4-5' }), openai({ model: 'gpt-4.1' })]),
  },
  categories: { summarization: 'standard', extraction: 'standard' },
  onDecision: (d) => console.log(`${d.category} → ${d.tier} (${d.model}): ${d.reason}`),
});

// Hot-swap the configuration without a restart.
router.update({ categories: { long_context: 'standard' } });
