window.BENCHMARK_DATA = {
  "lastUpdate": 1789964280000,
  "repoUrl": "https://github.com/example/perfci",
  "entries": {
    "perfci weekly": [
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "97e5dd7747f8a1fcfd2f9fd8e36553154cc62fa9",
          "message": "weekly 1",
          "timestamp": "",
          "tree_id": "ea1016f1b8c4aea0ceb56e009a1e6cf91dc57dce",
          "url": "https://github.com/example/perfci/commit/97e5dd7747f8a1fcfd2f9fd8e36553154cc62fa9"
        },
        "date": 1777868220000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2952,
            "unit": "ms",
            "range": "± 0.0194",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.0414,
            "unit": "ms",
            "range": "± 0.0608",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.5658,
            "unit": "ms",
            "range": "± 0.1141",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.719,
            "unit": "ms",
            "range": "± 0.2808",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 44.7267,
            "unit": "ms",
            "range": "± 0.8945",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 67.4362,
            "unit": "ms",
            "range": "± 1.6859",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 387.9208,
            "unit": "ms",
            "range": "± 5.8188",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1190.7099,
            "unit": "ms",
            "range": "± 23.8142",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1534.5579,
            "unit": "ms",
            "range": "± 38.3639",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.7326,
            "unit": "ms",
            "range": "± 0.1010",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.7784,
            "unit": "ms",
            "range": "± 0.3356",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 25.9559,
            "unit": "ms",
            "range": "± 0.6489",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.0092,
            "unit": "ms",
            "range": "± 0.1351",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 24.4039,
            "unit": "ms",
            "range": "± 0.4881",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 36.2318,
            "unit": "ms",
            "range": "± 0.9058",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 131.0934,
            "unit": "ms",
            "range": "± 1.9664",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 290.5491,
            "unit": "ms",
            "range": "± 5.8110",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 412.1055,
            "unit": "ms",
            "range": "± 10.3026",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 82.6998,
            "unit": "ms",
            "range": "± 1.2405",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 241.2914,
            "unit": "ms",
            "range": "± 4.8258",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 288.7027,
            "unit": "ms",
            "range": "± 7.2176",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 38.3997,
            "unit": "ms",
            "range": "± 0.5760",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 91.9775,
            "unit": "ms",
            "range": "± 1.8396",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 134.4907,
            "unit": "ms",
            "range": "± 3.3623",
            "extra": "97e5dd7747f8; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "cd59ee9a8137151d1499d3d2eb40ba51aa91e0aa",
          "message": "weekly 2",
          "timestamp": "",
          "tree_id": "ed6943172cbca1a76031511bef0b5d3c6ba9bdca",
          "url": "https://github.com/example/perfci/commit/cd59ee9a8137151d1499d3d2eb40ba51aa91e0aa"
        },
        "date": 1778473020000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2301,
            "unit": "ms",
            "range": "± 0.0185",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.2029,
            "unit": "ms",
            "range": "± 0.0641",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.006,
            "unit": "ms",
            "range": "± 0.1001",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 16.5495,
            "unit": "ms",
            "range": "± 0.2482",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 42.0317,
            "unit": "ms",
            "range": "± 0.8406",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 55.7141,
            "unit": "ms",
            "range": "± 1.3929",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 432.4185,
            "unit": "ms",
            "range": "± 6.4863",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1145.7597,
            "unit": "ms",
            "range": "± 22.9152",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1589.6721,
            "unit": "ms",
            "range": "± 39.7418",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.5704,
            "unit": "ms",
            "range": "± 0.0986",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 14.977,
            "unit": "ms",
            "range": "± 0.2995",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 22.7752,
            "unit": "ms",
            "range": "± 0.5694",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 8.9558,
            "unit": "ms",
            "range": "± 0.1343",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 28.1456,
            "unit": "ms",
            "range": "± 0.5629",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 44.531,
            "unit": "ms",
            "range": "± 1.1133",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 123.5913,
            "unit": "ms",
            "range": "± 1.8539",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 302.1654,
            "unit": "ms",
            "range": "± 6.0433",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 559.3271,
            "unit": "ms",
            "range": "± 13.9832",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 88.3452,
            "unit": "ms",
            "range": "± 1.3252",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 212.8475,
            "unit": "ms",
            "range": "± 4.2570",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 369.31,
            "unit": "ms",
            "range": "± 9.2328",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 42.3921,
            "unit": "ms",
            "range": "± 0.6359",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 105.2539,
            "unit": "ms",
            "range": "± 2.1051",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 138.1523,
            "unit": "ms",
            "range": "± 3.4538",
            "extra": "cd59ee9a8137; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "e64b25e67dec6c8d30e63029286ad7b6d263931d",
          "message": "weekly 3",
          "timestamp": "",
          "tree_id": "457300360bb30eee3960181ef976c2ef6b30714f",
          "url": "https://github.com/example/perfci/commit/e64b25e67dec6c8d30e63029286ad7b6d263931d"
        },
        "date": 1779077820000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.3037,
            "unit": "ms",
            "range": "± 0.0196",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.0607,
            "unit": "ms",
            "range": "± 0.0612",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.5342,
            "unit": "ms",
            "range": "± 0.1134",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.0487,
            "unit": "ms",
            "range": "± 0.2707",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 48.3381,
            "unit": "ms",
            "range": "± 0.9668",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 65.5581,
            "unit": "ms",
            "range": "± 1.6390",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 453.9065,
            "unit": "ms",
            "range": "± 6.8086",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1053.9273,
            "unit": "ms",
            "range": "± 21.0785",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1760.0382,
            "unit": "ms",
            "range": "± 44.0010",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 7.1203,
            "unit": "ms",
            "range": "± 0.1068",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.9919,
            "unit": "ms",
            "range": "± 0.3398",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 23.5703,
            "unit": "ms",
            "range": "± 0.5893",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 8.0686,
            "unit": "ms",
            "range": "± 0.1210",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 22.7761,
            "unit": "ms",
            "range": "± 0.4555",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 33.1044,
            "unit": "ms",
            "range": "± 0.8276",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 127.6108,
            "unit": "ms",
            "range": "± 1.9142",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 296.5454,
            "unit": "ms",
            "range": "± 5.9309",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 560.5752,
            "unit": "ms",
            "range": "± 14.0144",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 81.5918,
            "unit": "ms",
            "range": "± 1.2239",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 245.7272,
            "unit": "ms",
            "range": "± 4.9145",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 357.2405,
            "unit": "ms",
            "range": "± 8.9310",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 41.578,
            "unit": "ms",
            "range": "± 0.6237",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 114.0254,
            "unit": "ms",
            "range": "± 2.2805",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 156.0128,
            "unit": "ms",
            "range": "± 3.9003",
            "extra": "e64b25e67dec; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "bfb15544034000a9bd6fcb08f844bd2914fc8b2c",
          "message": "weekly 4",
          "timestamp": "",
          "tree_id": "d608631a49759afa3657041021075f58c86b093c",
          "url": "https://github.com/example/perfci/commit/bfb15544034000a9bd6fcb08f844bd2914fc8b2c"
        },
        "date": 1779682620000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2206,
            "unit": "ms",
            "range": "± 0.0183",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.407,
            "unit": "ms",
            "range": "± 0.0681",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.424,
            "unit": "ms",
            "range": "± 0.1106",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 19.2777,
            "unit": "ms",
            "range": "± 0.2892",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 48.7202,
            "unit": "ms",
            "range": "± 0.9744",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 65.4565,
            "unit": "ms",
            "range": "± 1.6364",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 427.5807,
            "unit": "ms",
            "range": "± 6.4137",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1246.7083,
            "unit": "ms",
            "range": "± 24.9342",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1926.4418,
            "unit": "ms",
            "range": "± 48.1610",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 7.0509,
            "unit": "ms",
            "range": "± 0.1058",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 14.2217,
            "unit": "ms",
            "range": "± 0.2844",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 23.8568,
            "unit": "ms",
            "range": "± 0.5964",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.1168,
            "unit": "ms",
            "range": "± 0.1518",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 22.4564,
            "unit": "ms",
            "range": "± 0.4491",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 32.6516,
            "unit": "ms",
            "range": "± 0.8163",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 112.4746,
            "unit": "ms",
            "range": "± 1.6871",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 273.3443,
            "unit": "ms",
            "range": "± 5.4669",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 459.0083,
            "unit": "ms",
            "range": "± 11.4752",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 87.3207,
            "unit": "ms",
            "range": "± 1.3098",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 207.9143,
            "unit": "ms",
            "range": "± 4.1583",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 277.0062,
            "unit": "ms",
            "range": "± 6.9252",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 40.6407,
            "unit": "ms",
            "range": "± 0.6096",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 121.2028,
            "unit": "ms",
            "range": "± 2.4241",
            "extra": "bfb155440340; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 121.6853,
            "unit": "ms",
            "range": "± 3.0421",
            "extra": "bfb155440340; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "88bec76d8b39b2e870ba7c5d2abe5415deccf633",
          "message": "weekly 5",
          "timestamp": "",
          "tree_id": "2a37f2cb193e7b3ba967cf035059f5962045afa6",
          "url": "https://github.com/example/perfci/commit/88bec76d8b39b2e870ba7c5d2abe5415deccf633"
        },
        "date": 1780287420000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1194,
            "unit": "ms",
            "range": "± 0.0168",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.3773,
            "unit": "ms",
            "range": "± 0.0675",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 3.8687,
            "unit": "ms",
            "range": "± 0.0967",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 19.1119,
            "unit": "ms",
            "range": "± 0.2867",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 41.6779,
            "unit": "ms",
            "range": "± 0.8336",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 69.2246,
            "unit": "ms",
            "range": "± 1.7306",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 489.83,
            "unit": "ms",
            "range": "± 7.3474",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1093.8498,
            "unit": "ms",
            "range": "± 21.8770",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1515.3055,
            "unit": "ms",
            "range": "± 37.8826",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.1813,
            "unit": "ms",
            "range": "± 0.0927",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 18.3207,
            "unit": "ms",
            "range": "± 0.3664",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 22.9808,
            "unit": "ms",
            "range": "± 0.5745",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.2257,
            "unit": "ms",
            "range": "± 0.1384",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 24.2873,
            "unit": "ms",
            "range": "± 0.4857",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 37.7469,
            "unit": "ms",
            "range": "± 0.9437",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 131.5495,
            "unit": "ms",
            "range": "± 1.9732",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 339.2716,
            "unit": "ms",
            "range": "± 6.7854",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 462.577,
            "unit": "ms",
            "range": "± 11.5644",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 82.4316,
            "unit": "ms",
            "range": "± 1.2365",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 230.6247,
            "unit": "ms",
            "range": "± 4.6125",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 302.2349,
            "unit": "ms",
            "range": "± 7.5559",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 36.3732,
            "unit": "ms",
            "range": "± 0.5456",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 114.8079,
            "unit": "ms",
            "range": "± 2.2962",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 153.9287,
            "unit": "ms",
            "range": "± 3.8482",
            "extra": "88bec76d8b39; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "7c1242a0230ef5d85dc7509e0190ce3311982e15",
          "message": "weekly 6",
          "timestamp": "",
          "tree_id": "ade47e82469f28462ffd2fb99ec7a9f92c6d2f04",
          "url": "https://github.com/example/perfci/commit/7c1242a0230ef5d85dc7509e0190ce3311982e15"
        },
        "date": 1780892220000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2356,
            "unit": "ms",
            "range": "± 0.0185",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.0915,
            "unit": "ms",
            "range": "± 0.0618",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.6479,
            "unit": "ms",
            "range": "± 0.1162",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 19.9653,
            "unit": "ms",
            "range": "± 0.2995",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 46.656,
            "unit": "ms",
            "range": "± 0.9331",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 75.5963,
            "unit": "ms",
            "range": "± 1.8899",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 479.3707,
            "unit": "ms",
            "range": "± 7.1906",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1145.5343,
            "unit": "ms",
            "range": "± 22.9107",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 2064.6668,
            "unit": "ms",
            "range": "± 51.6167",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.3067,
            "unit": "ms",
            "range": "± 0.0946",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.9536,
            "unit": "ms",
            "range": "± 0.3391",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 22.3271,
            "unit": "ms",
            "range": "± 0.5582",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.5354,
            "unit": "ms",
            "range": "± 0.1430",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 23.3992,
            "unit": "ms",
            "range": "± 0.4680",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 33.6796,
            "unit": "ms",
            "range": "± 0.8420",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 118.1842,
            "unit": "ms",
            "range": "± 1.7728",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 322.8751,
            "unit": "ms",
            "range": "± 6.4575",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 444.2184,
            "unit": "ms",
            "range": "± 11.1055",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 81.9314,
            "unit": "ms",
            "range": "± 1.2290",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 228.2631,
            "unit": "ms",
            "range": "± 4.5653",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 313.6142,
            "unit": "ms",
            "range": "± 7.8404",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 42.0825,
            "unit": "ms",
            "range": "± 0.6312",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 100.0024,
            "unit": "ms",
            "range": "± 2.0000",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 149.2285,
            "unit": "ms",
            "range": "± 3.7307",
            "extra": "7c1242a0230e; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "adb3afa6f36690f15dc5b3a8bdce2a61c866dd92",
          "message": "weekly 7",
          "timestamp": "",
          "tree_id": "2e0a24020ad8362a66467be0d8f2b769e52489fb",
          "url": "https://github.com/example/perfci/commit/adb3afa6f36690f15dc5b3a8bdce2a61c866dd92"
        },
        "date": 1781497020000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1629,
            "unit": "ms",
            "range": "± 0.0174",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.7514,
            "unit": "ms",
            "range": "± 0.0550",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 5.0616,
            "unit": "ms",
            "range": "± 0.1265",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.0446,
            "unit": "ms",
            "range": "± 0.2707",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 45.2649,
            "unit": "ms",
            "range": "± 0.9053",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 83.0429,
            "unit": "ms",
            "range": "± 2.0761",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 430.5455,
            "unit": "ms",
            "range": "± 6.4582",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1174.3929,
            "unit": "ms",
            "range": "± 23.4879",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1720.3932,
            "unit": "ms",
            "range": "± 43.0098",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.702,
            "unit": "ms",
            "range": "± 0.1005",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 18.03,
            "unit": "ms",
            "range": "± 0.3606",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 19.3971,
            "unit": "ms",
            "range": "± 0.4849",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.1977,
            "unit": "ms",
            "range": "± 0.1530",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 25.4867,
            "unit": "ms",
            "range": "± 0.5097",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 35.8736,
            "unit": "ms",
            "range": "± 0.8968",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 117.2278,
            "unit": "ms",
            "range": "± 1.7584",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 328.7065,
            "unit": "ms",
            "range": "± 6.5741",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 441.7475,
            "unit": "ms",
            "range": "± 11.0437",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 92.8956,
            "unit": "ms",
            "range": "± 1.3934",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 203.2864,
            "unit": "ms",
            "range": "± 4.0657",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 305.871,
            "unit": "ms",
            "range": "± 7.6468",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 41.5582,
            "unit": "ms",
            "range": "± 0.6234",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 93.1223,
            "unit": "ms",
            "range": "± 1.8624",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 160.2226,
            "unit": "ms",
            "range": "± 4.0056",
            "extra": "adb3afa6f366; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "6c16b491efe223bdeaf956e38d8a28658f4a8f58",
          "message": "weekly 8",
          "timestamp": "",
          "tree_id": "4e77f1445b69bd460ad93de6cadef7120fe5fb9a",
          "url": "https://github.com/example/perfci/commit/6c16b491efe223bdeaf956e38d8a28658f4a8f58"
        },
        "date": 1782101820000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1955,
            "unit": "ms",
            "range": "± 0.0179",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.8107,
            "unit": "ms",
            "range": "± 0.0562",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.4214,
            "unit": "ms",
            "range": "± 0.1105",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.6278,
            "unit": "ms",
            "range": "± 0.2794",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 50.2738,
            "unit": "ms",
            "range": "± 1.0055",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 62.9043,
            "unit": "ms",
            "range": "± 1.5726",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 424.8316,
            "unit": "ms",
            "range": "± 6.3725",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1016.6578,
            "unit": "ms",
            "range": "± 20.3332",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1922.7126,
            "unit": "ms",
            "range": "± 48.0678",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.8428,
            "unit": "ms",
            "range": "± 0.1026",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.9905,
            "unit": "ms",
            "range": "± 0.3398",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 23.6803,
            "unit": "ms",
            "range": "± 0.5920",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.2075,
            "unit": "ms",
            "range": "± 0.1381",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 22.7772,
            "unit": "ms",
            "range": "± 0.4555",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 38.2743,
            "unit": "ms",
            "range": "± 0.9569",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 121.9123,
            "unit": "ms",
            "range": "± 1.8287",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 300.6329,
            "unit": "ms",
            "range": "± 6.0127",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 513.2816,
            "unit": "ms",
            "range": "± 12.8320",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 83.8405,
            "unit": "ms",
            "range": "± 1.2576",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 231.052,
            "unit": "ms",
            "range": "± 4.6210",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 346.9315,
            "unit": "ms",
            "range": "± 8.6733",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 43.2929,
            "unit": "ms",
            "range": "± 0.6494",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 94.4205,
            "unit": "ms",
            "range": "± 1.8884",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 155.935,
            "unit": "ms",
            "range": "± 3.8984",
            "extra": "6c16b491efe2; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "7bd8e6684c0822c8c73e3357ec0e27380a63bdd8",
          "message": "weekly 9",
          "timestamp": "",
          "tree_id": "c891243b7140cf745eb1cdc6d708da9115437342",
          "url": "https://github.com/example/perfci/commit/7bd8e6684c0822c8c73e3357ec0e27380a63bdd8"
        },
        "date": 1782706620000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.312,
            "unit": "ms",
            "range": "± 0.0197",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.9277,
            "unit": "ms",
            "range": "± 0.0586",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.6113,
            "unit": "ms",
            "range": "± 0.1153",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 19.407,
            "unit": "ms",
            "range": "± 0.2911",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 50.9063,
            "unit": "ms",
            "range": "± 1.0181",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 59.0095,
            "unit": "ms",
            "range": "± 1.4752",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 427.8325,
            "unit": "ms",
            "range": "± 6.4175",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1096.251,
            "unit": "ms",
            "range": "± 21.9250",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1365.7847,
            "unit": "ms",
            "range": "± 34.1446",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.4966,
            "unit": "ms",
            "range": "± 0.0974",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.3376,
            "unit": "ms",
            "range": "± 0.3268",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 25.2348,
            "unit": "ms",
            "range": "± 0.6309",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 11.2166,
            "unit": "ms",
            "range": "± 0.1682",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 22.9117,
            "unit": "ms",
            "range": "± 0.4582",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 32.0879,
            "unit": "ms",
            "range": "± 0.8022",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 108.5518,
            "unit": "ms",
            "range": "± 1.6283",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 296.5287,
            "unit": "ms",
            "range": "± 5.9306",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 495.8854,
            "unit": "ms",
            "range": "± 12.3971",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 78.8588,
            "unit": "ms",
            "range": "± 1.1829",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 209.0454,
            "unit": "ms",
            "range": "± 4.1809",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 311.1198,
            "unit": "ms",
            "range": "± 7.7780",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 41.0252,
            "unit": "ms",
            "range": "± 0.6154",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 107.0284,
            "unit": "ms",
            "range": "± 2.1406",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 148.7888,
            "unit": "ms",
            "range": "± 3.7197",
            "extra": "7bd8e6684c08; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "97809a0f22a1f75c1b731abf16829d100140ed96",
          "message": "weekly 10",
          "timestamp": "",
          "tree_id": "475f695cd14d56a43711575b2dc56e7441379aa5",
          "url": "https://github.com/example/perfci/commit/97809a0f22a1f75c1b731abf16829d100140ed96"
        },
        "date": 1783311420000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2397,
            "unit": "ms",
            "range": "± 0.0186",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.0723,
            "unit": "ms",
            "range": "± 0.0614",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.4073,
            "unit": "ms",
            "range": "± 0.1102",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 15.9619,
            "unit": "ms",
            "range": "± 0.2394",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 53.0425,
            "unit": "ms",
            "range": "± 1.0608",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 62.766,
            "unit": "ms",
            "range": "± 1.5692",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 444.3384,
            "unit": "ms",
            "range": "± 6.6651",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1181.3048,
            "unit": "ms",
            "range": "± 23.6261",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1628.1138,
            "unit": "ms",
            "range": "± 40.7028",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 7.3066,
            "unit": "ms",
            "range": "± 0.1096",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 15.2752,
            "unit": "ms",
            "range": "± 0.3055",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 24.2386,
            "unit": "ms",
            "range": "± 0.6060",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.9509,
            "unit": "ms",
            "range": "± 0.1493",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 25.6015,
            "unit": "ms",
            "range": "± 0.5120",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 37.0441,
            "unit": "ms",
            "range": "± 0.9261",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 130.1798,
            "unit": "ms",
            "range": "± 1.9527",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 316.2781,
            "unit": "ms",
            "range": "± 6.3256",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 441.4815,
            "unit": "ms",
            "range": "± 11.0370",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 87.82,
            "unit": "ms",
            "range": "± 1.3173",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 197.2129,
            "unit": "ms",
            "range": "± 3.9443",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 314.4646,
            "unit": "ms",
            "range": "± 7.8616",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 38.991,
            "unit": "ms",
            "range": "± 0.5849",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 97.3017,
            "unit": "ms",
            "range": "± 1.9460",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 135.2815,
            "unit": "ms",
            "range": "± 3.3820",
            "extra": "97809a0f22a1; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "d18cf6c188b57d6204a882c3543975dbfb983194",
          "message": "weekly 11",
          "timestamp": "",
          "tree_id": "87767416004790fa14fc6438a26bd422101c9482",
          "url": "https://github.com/example/perfci/commit/d18cf6c188b57d6204a882c3543975dbfb983194"
        },
        "date": 1783916220000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.3066,
            "unit": "ms",
            "range": "± 0.0196",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.8991,
            "unit": "ms",
            "range": "± 0.0580",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.6528,
            "unit": "ms",
            "range": "± 0.1163",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 17.759,
            "unit": "ms",
            "range": "± 0.2664",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 53.2818,
            "unit": "ms",
            "range": "± 1.0656",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 71.4583,
            "unit": "ms",
            "range": "± 1.7865",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 456.4554,
            "unit": "ms",
            "range": "± 6.8468",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1133.5247,
            "unit": "ms",
            "range": "± 22.6705",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1633.975,
            "unit": "ms",
            "range": "± 40.8494",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.7735,
            "unit": "ms",
            "range": "± 0.1016",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 13.8724,
            "unit": "ms",
            "range": "± 0.2774",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 24.1021,
            "unit": "ms",
            "range": "± 0.6026",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.2039,
            "unit": "ms",
            "range": "± 0.1531",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 23.4852,
            "unit": "ms",
            "range": "± 0.4697",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 36.5024,
            "unit": "ms",
            "range": "± 0.9126",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 123.7638,
            "unit": "ms",
            "range": "± 1.8565",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 291.524,
            "unit": "ms",
            "range": "± 5.8305",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 450.058,
            "unit": "ms",
            "range": "± 11.2514",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 80.7778,
            "unit": "ms",
            "range": "± 1.2117",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 227.5124,
            "unit": "ms",
            "range": "± 4.5502",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 311.6874,
            "unit": "ms",
            "range": "± 7.7922",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 36.9834,
            "unit": "ms",
            "range": "± 0.5548",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 98.083,
            "unit": "ms",
            "range": "± 1.9617",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 179.2072,
            "unit": "ms",
            "range": "± 4.4802",
            "extra": "d18cf6c188b5; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "9f0a20cb6afd9f454b3bb8a1f8183d8cfc86f2e5",
          "message": "weekly 12",
          "timestamp": "",
          "tree_id": "ebabc96c5a5146cd2145624adfd96a2a9209bf9c",
          "url": "https://github.com/example/perfci/commit/9f0a20cb6afd9f454b3bb8a1f8183d8cfc86f2e5"
        },
        "date": 1784521020000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2146,
            "unit": "ms",
            "range": "± 0.0182",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.1708,
            "unit": "ms",
            "range": "± 0.0634",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 3.8689,
            "unit": "ms",
            "range": "± 0.0967",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.4863,
            "unit": "ms",
            "range": "± 0.2773",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 46.3081,
            "unit": "ms",
            "range": "± 0.9262",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 61.5162,
            "unit": "ms",
            "range": "± 1.5379",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 481.8038,
            "unit": "ms",
            "range": "± 7.2271",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1244.9414,
            "unit": "ms",
            "range": "± 24.8988",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1785.4203,
            "unit": "ms",
            "range": "± 44.6355",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.07,
            "unit": "ms",
            "range": "± 0.0910",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 18.6618,
            "unit": "ms",
            "range": "± 0.3732",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 22.0116,
            "unit": "ms",
            "range": "± 0.5503",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.8292,
            "unit": "ms",
            "range": "± 0.1474",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 26.1136,
            "unit": "ms",
            "range": "± 0.5223",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 38.0175,
            "unit": "ms",
            "range": "± 0.9504",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 123.0738,
            "unit": "ms",
            "range": "± 1.8461",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 289.9328,
            "unit": "ms",
            "range": "± 5.7987",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 405.0268,
            "unit": "ms",
            "range": "± 10.1257",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 93.0504,
            "unit": "ms",
            "range": "± 1.3958",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 176.4865,
            "unit": "ms",
            "range": "± 3.5297",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 327.808,
            "unit": "ms",
            "range": "± 8.1952",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 41.01,
            "unit": "ms",
            "range": "± 0.6152",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 108.6651,
            "unit": "ms",
            "range": "± 2.1733",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 146.5582,
            "unit": "ms",
            "range": "± 3.6640",
            "extra": "9f0a20cb6afd; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "70d15f0e1e1acbc40ad041bd5aba1e4ba51a09cd",
          "message": "weekly 13",
          "timestamp": "",
          "tree_id": "357be8362c942ae2dcdc2ac7a7c78b2ba509acce",
          "url": "https://github.com/example/perfci/commit/70d15f0e1e1acbc40ad041bd5aba1e4ba51a09cd"
        },
        "date": 1785125820000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1511,
            "unit": "ms",
            "range": "± 0.0173",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.0898,
            "unit": "ms",
            "range": "± 0.0618",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.6235,
            "unit": "ms",
            "range": "± 0.1156",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 17.0202,
            "unit": "ms",
            "range": "± 0.2553",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 49.6715,
            "unit": "ms",
            "range": "± 0.9934",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 55.4271,
            "unit": "ms",
            "range": "± 1.3857",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 448.3544,
            "unit": "ms",
            "range": "± 6.7253",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1071.3034,
            "unit": "ms",
            "range": "± 21.4261",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1606.2966,
            "unit": "ms",
            "range": "± 40.1574",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 5.7658,
            "unit": "ms",
            "range": "± 0.0865",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 17.2084,
            "unit": "ms",
            "range": "± 0.3442",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 22.1025,
            "unit": "ms",
            "range": "± 0.5526",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.102,
            "unit": "ms",
            "range": "± 0.1515",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 25.9744,
            "unit": "ms",
            "range": "± 0.5195",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 38.4349,
            "unit": "ms",
            "range": "± 0.9609",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 126.8235,
            "unit": "ms",
            "range": "± 1.9024",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 322.7374,
            "unit": "ms",
            "range": "± 6.4547",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 410.6021,
            "unit": "ms",
            "range": "± 10.2651",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 90.1381,
            "unit": "ms",
            "range": "± 1.3521",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 209.5971,
            "unit": "ms",
            "range": "± 4.1919",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 276.446,
            "unit": "ms",
            "range": "± 6.9112",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 41.4435,
            "unit": "ms",
            "range": "± 0.6217",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 111.4823,
            "unit": "ms",
            "range": "± 2.2296",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 173.966,
            "unit": "ms",
            "range": "± 4.3492",
            "extra": "70d15f0e1e1a; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "611b68ef6fc842a4bd4c09fc4ce64d996768f702",
          "message": "weekly 14",
          "timestamp": "",
          "tree_id": "0227674683212fdbc74463f44b5feb0a9e6f7189",
          "url": "https://github.com/example/perfci/commit/611b68ef6fc842a4bd4c09fc4ce64d996768f702"
        },
        "date": 1785730620000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1497,
            "unit": "ms",
            "range": "± 0.0172",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.2161,
            "unit": "ms",
            "range": "± 0.0643",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 5.0533,
            "unit": "ms",
            "range": "± 0.1263",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 19.1953,
            "unit": "ms",
            "range": "± 0.2879",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 52.814,
            "unit": "ms",
            "range": "± 1.0563",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 80.2248,
            "unit": "ms",
            "range": "± 2.0056",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 451.1847,
            "unit": "ms",
            "range": "± 6.7678",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1002.9682,
            "unit": "ms",
            "range": "± 20.0594",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1435.8673,
            "unit": "ms",
            "range": "± 35.8967",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 7.6369,
            "unit": "ms",
            "range": "± 0.1146",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 17.8558,
            "unit": "ms",
            "range": "± 0.3571",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 29.5952,
            "unit": "ms",
            "range": "± 0.7399",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.1173,
            "unit": "ms",
            "range": "± 0.1518",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 26.8544,
            "unit": "ms",
            "range": "± 0.5371",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 38.9022,
            "unit": "ms",
            "range": "± 0.9726",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 119.6441,
            "unit": "ms",
            "range": "± 1.7947",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 286.7701,
            "unit": "ms",
            "range": "± 5.7354",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 393.8795,
            "unit": "ms",
            "range": "± 9.8470",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 82.8672,
            "unit": "ms",
            "range": "± 1.2430",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 240.7345,
            "unit": "ms",
            "range": "± 4.8147",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 340.9816,
            "unit": "ms",
            "range": "± 8.5245",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 37.5291,
            "unit": "ms",
            "range": "± 0.5629",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 97.4683,
            "unit": "ms",
            "range": "± 1.9494",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 150.6273,
            "unit": "ms",
            "range": "± 3.7657",
            "extra": "611b68ef6fc8; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "71667ccbba712dc71e2fa0032ad5c3a2d5055aa9",
          "message": "weekly 15",
          "timestamp": "",
          "tree_id": "7a68dfe30734953b8c434f55f97f16722cfbcaab",
          "url": "https://github.com/example/perfci/commit/71667ccbba712dc71e2fa0032ad5c3a2d5055aa9"
        },
        "date": 1786335420000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.038,
            "unit": "ms",
            "range": "± 0.0156",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.95,
            "unit": "ms",
            "range": "± 0.0590",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.3351,
            "unit": "ms",
            "range": "± 0.1084",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 19.5385,
            "unit": "ms",
            "range": "± 0.2931",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 41.0699,
            "unit": "ms",
            "range": "± 0.8214",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 60.5542,
            "unit": "ms",
            "range": "± 1.5139",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 417.3883,
            "unit": "ms",
            "range": "± 6.2608",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1138.8443,
            "unit": "ms",
            "range": "± 22.7769",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1643.8874,
            "unit": "ms",
            "range": "± 41.0972",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.4901,
            "unit": "ms",
            "range": "± 0.0974",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 17.0226,
            "unit": "ms",
            "range": "± 0.3405",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 22.8152,
            "unit": "ms",
            "range": "± 0.5704",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.4909,
            "unit": "ms",
            "range": "± 0.1424",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 23.5934,
            "unit": "ms",
            "range": "± 0.4719",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 38.4313,
            "unit": "ms",
            "range": "± 0.9608",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 114.6954,
            "unit": "ms",
            "range": "± 1.7204",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 286.916,
            "unit": "ms",
            "range": "± 5.7383",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 546.9376,
            "unit": "ms",
            "range": "± 13.6734",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 84.8675,
            "unit": "ms",
            "range": "± 1.2730",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 226.1575,
            "unit": "ms",
            "range": "± 4.5231",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 337.2448,
            "unit": "ms",
            "range": "± 8.4311",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 40.7952,
            "unit": "ms",
            "range": "± 0.6119",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 111.7995,
            "unit": "ms",
            "range": "± 2.2360",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 144.4746,
            "unit": "ms",
            "range": "± 3.6119",
            "extra": "71667ccbba71; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "ad5ed166e61d5b4caee9ef62524b761435147571",
          "message": "weekly 16",
          "timestamp": "",
          "tree_id": "3df05c9bd6b34dd1e5ebcfb6f1897fcf184a8113",
          "url": "https://github.com/example/perfci/commit/ad5ed166e61d5b4caee9ef62524b761435147571"
        },
        "date": 1786940220000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.4001,
            "unit": "ms",
            "range": "± 0.0210",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.3956,
            "unit": "ms",
            "range": "± 0.0679",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.9115,
            "unit": "ms",
            "range": "± 0.1228",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 17.7338,
            "unit": "ms",
            "range": "± 0.2660",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 43.4189,
            "unit": "ms",
            "range": "± 0.8684",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 70.1009,
            "unit": "ms",
            "range": "± 1.7525",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 467.1075,
            "unit": "ms",
            "range": "± 7.0066",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1089.1049,
            "unit": "ms",
            "range": "± 21.7821",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1603.8989,
            "unit": "ms",
            "range": "± 40.0975",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.9249,
            "unit": "ms",
            "range": "± 0.1039",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.8476,
            "unit": "ms",
            "range": "± 0.3370",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 26.6234,
            "unit": "ms",
            "range": "± 0.6656",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.5641,
            "unit": "ms",
            "range": "± 0.1435",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 26.3716,
            "unit": "ms",
            "range": "± 0.5274",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 31.688,
            "unit": "ms",
            "range": "± 0.7922",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 116.1258,
            "unit": "ms",
            "range": "± 1.7419",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 299.0218,
            "unit": "ms",
            "range": "± 5.9804",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 495.4503,
            "unit": "ms",
            "range": "± 12.3863",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 95.9081,
            "unit": "ms",
            "range": "± 1.4386",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 246.6183,
            "unit": "ms",
            "range": "± 4.9324",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 319.4392,
            "unit": "ms",
            "range": "± 7.9860",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 38.4103,
            "unit": "ms",
            "range": "± 0.5762",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 99.0614,
            "unit": "ms",
            "range": "± 1.9812",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 146.1193,
            "unit": "ms",
            "range": "± 3.6530",
            "extra": "ad5ed166e61d; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "799b5a8e35375ad8e938774ad064274c09c47540",
          "message": "weekly 17",
          "timestamp": "",
          "tree_id": "2172602c1f7c83a865731fe15f503fbcd663b3b6",
          "url": "https://github.com/example/perfci/commit/799b5a8e35375ad8e938774ad064274c09c47540"
        },
        "date": 1787545020000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2779,
            "unit": "ms",
            "range": "± 0.0192",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.0068,
            "unit": "ms",
            "range": "± 0.0601",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.5606,
            "unit": "ms",
            "range": "± 0.1140",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 19.7001,
            "unit": "ms",
            "range": "± 0.2955",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 44.5962,
            "unit": "ms",
            "range": "± 0.8919",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 69.1505,
            "unit": "ms",
            "range": "± 1.7288",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 561.4259,
            "unit": "ms",
            "range": "± 8.4214",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1400.712,
            "unit": "ms",
            "range": "± 28.0142",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1818.0809,
            "unit": "ms",
            "range": "± 45.4520",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.7157,
            "unit": "ms",
            "range": "± 0.1007",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 17.7036,
            "unit": "ms",
            "range": "± 0.3541",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 19.9326,
            "unit": "ms",
            "range": "± 0.4983",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.1102,
            "unit": "ms",
            "range": "± 0.1367",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 24.7151,
            "unit": "ms",
            "range": "± 0.4943",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 31.9663,
            "unit": "ms",
            "range": "± 0.7992",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 127.3967,
            "unit": "ms",
            "range": "± 1.9110",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 309.6994,
            "unit": "ms",
            "range": "± 6.1940",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 456.0734,
            "unit": "ms",
            "range": "± 11.4018",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 94.1559,
            "unit": "ms",
            "range": "± 1.4123",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 212.0886,
            "unit": "ms",
            "range": "± 4.2418",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 314.2045,
            "unit": "ms",
            "range": "± 7.8551",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 37.6087,
            "unit": "ms",
            "range": "± 0.5641",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 109.5336,
            "unit": "ms",
            "range": "± 2.1907",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 126.9874,
            "unit": "ms",
            "range": "± 3.1747",
            "extra": "799b5a8e3537; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "2b803a71b6d5921d8e905d25b201505040537afc",
          "message": "weekly 18",
          "timestamp": "",
          "tree_id": "cd6c8457c618ded863f6468c615b0d7454556174",
          "url": "https://github.com/example/perfci/commit/2b803a71b6d5921d8e905d25b201505040537afc"
        },
        "date": 1788149820000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1718,
            "unit": "ms",
            "range": "± 0.0176",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.8927,
            "unit": "ms",
            "range": "± 0.0579",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 3.7997,
            "unit": "ms",
            "range": "± 0.0950",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 17.1925,
            "unit": "ms",
            "range": "± 0.2579",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 46.9806,
            "unit": "ms",
            "range": "± 0.9396",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 71.4857,
            "unit": "ms",
            "range": "± 1.7871",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 537.504,
            "unit": "ms",
            "range": "± 8.0626",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1270.488,
            "unit": "ms",
            "range": "± 25.4098",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 2130.9117,
            "unit": "ms",
            "range": "± 53.2728",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.6721,
            "unit": "ms",
            "range": "± 0.1001",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 19.0992,
            "unit": "ms",
            "range": "± 0.3820",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 21.5398,
            "unit": "ms",
            "range": "± 0.5385",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 8.7954,
            "unit": "ms",
            "range": "± 0.1319",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 25.5036,
            "unit": "ms",
            "range": "± 0.5101",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 41.1293,
            "unit": "ms",
            "range": "± 1.0282",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 122.9224,
            "unit": "ms",
            "range": "± 1.8438",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 319.9268,
            "unit": "ms",
            "range": "± 6.3985",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 333.9343,
            "unit": "ms",
            "range": "± 8.3484",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 85.5078,
            "unit": "ms",
            "range": "± 1.2826",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 248.7528,
            "unit": "ms",
            "range": "± 4.9751",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 273.4577,
            "unit": "ms",
            "range": "± 6.8364",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 43.7091,
            "unit": "ms",
            "range": "± 0.6556",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 107.0562,
            "unit": "ms",
            "range": "± 2.1411",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 121.5796,
            "unit": "ms",
            "range": "± 3.0395",
            "extra": "2b803a71b6d5; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "c1bf2be3216fced5ea3bf2aee037a83936d97936",
          "message": "weekly 19",
          "timestamp": "",
          "tree_id": "8cf45f8bd64318b1c7408851fd3fd3d7b1969ffe",
          "url": "https://github.com/example/perfci/commit/c1bf2be3216fced5ea3bf2aee037a83936d97936"
        },
        "date": 1788754620000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2348,
            "unit": "ms",
            "range": "± 0.0185",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.3547,
            "unit": "ms",
            "range": "± 0.0671",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 5.3609,
            "unit": "ms",
            "range": "± 0.1340",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 20.4877,
            "unit": "ms",
            "range": "± 0.3073",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 47.821,
            "unit": "ms",
            "range": "± 0.9564",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 73.0997,
            "unit": "ms",
            "range": "± 1.8275",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 452.7017,
            "unit": "ms",
            "range": "± 6.7905",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1304.6011,
            "unit": "ms",
            "range": "± 26.0920",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1844.9883,
            "unit": "ms",
            "range": "± 46.1247",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.6235,
            "unit": "ms",
            "range": "± 0.0994",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 17.5344,
            "unit": "ms",
            "range": "± 0.3507",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 23.7024,
            "unit": "ms",
            "range": "± 0.5926",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.2429,
            "unit": "ms",
            "range": "± 0.1536",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 23.7376,
            "unit": "ms",
            "range": "± 0.4748",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 36.0103,
            "unit": "ms",
            "range": "± 0.9003",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 133.3857,
            "unit": "ms",
            "range": "± 2.0008",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 322.5714,
            "unit": "ms",
            "range": "± 6.4514",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 454.1378,
            "unit": "ms",
            "range": "± 11.3534",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 92.781,
            "unit": "ms",
            "range": "± 1.3917",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 192.2984,
            "unit": "ms",
            "range": "± 3.8460",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 363.8625,
            "unit": "ms",
            "range": "± 9.0966",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 39.5229,
            "unit": "ms",
            "range": "± 0.5928",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 90.1998,
            "unit": "ms",
            "range": "± 1.8040",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 141.7068,
            "unit": "ms",
            "range": "± 3.5427",
            "extra": "c1bf2be3216f; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "eb92478ca3a0b9623cd710ac36bdfe60de3865b7",
          "message": "weekly 20",
          "timestamp": "",
          "tree_id": "0c4eb516c8076353ccaad2d6e8b4cd3bebcbde38",
          "url": "https://github.com/example/perfci/commit/eb92478ca3a0b9623cd710ac36bdfe60de3865b7"
        },
        "date": 1789359420000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2381,
            "unit": "ms",
            "range": "± 0.0186",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.1012,
            "unit": "ms",
            "range": "± 0.0620",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.7266,
            "unit": "ms",
            "range": "± 0.1182",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 19.1537,
            "unit": "ms",
            "range": "± 0.2873",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 47.8984,
            "unit": "ms",
            "range": "± 0.9580",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 74.7633,
            "unit": "ms",
            "range": "± 1.8691",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 500.8991,
            "unit": "ms",
            "range": "± 7.5135",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1296.1324,
            "unit": "ms",
            "range": "± 25.9226",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 2020.0075,
            "unit": "ms",
            "range": "± 50.5002",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.4512,
            "unit": "ms",
            "range": "± 0.0968",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 18.4499,
            "unit": "ms",
            "range": "± 0.3690",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 21.9275,
            "unit": "ms",
            "range": "± 0.5482",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.0324,
            "unit": "ms",
            "range": "± 0.1355",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 22.829,
            "unit": "ms",
            "range": "± 0.4566",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 38.7331,
            "unit": "ms",
            "range": "± 0.9683",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 114.1881,
            "unit": "ms",
            "range": "± 1.7128",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 303.0212,
            "unit": "ms",
            "range": "± 6.0604",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 399.5008,
            "unit": "ms",
            "range": "± 9.9875",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 91.865,
            "unit": "ms",
            "range": "± 1.3780",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 200.6628,
            "unit": "ms",
            "range": "± 4.0133",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 369.1544,
            "unit": "ms",
            "range": "± 9.2289",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 40.8077,
            "unit": "ms",
            "range": "± 0.6121",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 106.8124,
            "unit": "ms",
            "range": "± 2.1362",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 149.4277,
            "unit": "ms",
            "range": "± 3.7357",
            "extra": "eb92478ca3a0; 200 rounds; endpoint"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "committer": {
            "email": "perf@example.org",
            "name": "perf",
            "username": "perf"
          },
          "distinct": true,
          "id": "e2421075a675654026e8d4437f83748f26b28aa6",
          "message": "weekly 21",
          "timestamp": "",
          "tree_id": "8c50e3f285c73e00cdb87f9c7bba4b70b4830d78",
          "url": "https://github.com/example/perfci/commit/e2421075a675654026e8d4437f83748f26b28aa6"
        },
        "date": 1789964220000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1281,
            "unit": "ms",
            "range": "± 0.0169",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.5834,
            "unit": "ms",
            "range": "± 0.0717",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.5845,
            "unit": "ms",
            "range": "± 0.1146",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.4607,
            "unit": "ms",
            "range": "± 0.2769",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 47.0014,
            "unit": "ms",
            "range": "± 0.9400",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 70.9652,
            "unit": "ms",
            "range": "± 1.7741",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 486.7134,
            "unit": "ms",
            "range": "± 7.3007",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1536.4708,
            "unit": "ms",
            "range": "± 30.7294",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1612.474,
            "unit": "ms",
            "range": "± 40.3119",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.6741,
            "unit": "ms",
            "range": "± 0.1001",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 14.7677,
            "unit": "ms",
            "range": "± 0.2954",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 26.4708,
            "unit": "ms",
            "range": "± 0.6618",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.8466,
            "unit": "ms",
            "range": "± 0.1477",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 22.2114,
            "unit": "ms",
            "range": "± 0.4442",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 33.8259,
            "unit": "ms",
            "range": "± 0.8456",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 121.6035,
            "unit": "ms",
            "range": "± 1.8241",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 279.9858,
            "unit": "ms",
            "range": "± 5.5997",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 478.3128,
            "unit": "ms",
            "range": "± 11.9578",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 90.6176,
            "unit": "ms",
            "range": "± 1.3593",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 207.7991,
            "unit": "ms",
            "range": "± 4.1560",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 263.238,
            "unit": "ms",
            "range": "± 6.5810",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 39.5358,
            "unit": "ms",
            "range": "± 0.5930",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 98.0239,
            "unit": "ms",
            "range": "± 1.9605",
            "extra": "e2421075a675; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 150.6699,
            "unit": "ms",
            "range": "± 3.7667",
            "extra": "e2421075a675; 200 rounds; endpoint"
          }
        ]
      }
    ]
  }
}