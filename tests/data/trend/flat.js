window.BENCHMARK_DATA = {
  "lastUpdate": 1791778680000,
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
          "id": "658827a5bb456395a91ea0e92402c81d64da85a1",
          "message": "weekly 1",
          "timestamp": "",
          "tree_id": "ea1016f1b8c4aea0ceb56e009a1e6cf91dc57dce",
          "url": "https://github.com/example/perfci/commit/658827a5bb456395a91ea0e92402c81d64da85a1"
        },
        "date": 1777868220000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1136,
            "unit": "ms",
            "range": "± 0.0167",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.6132,
            "unit": "ms",
            "range": "± 0.0523",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 3.6819,
            "unit": "ms",
            "range": "± 0.0920",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 19.8054,
            "unit": "ms",
            "range": "± 0.2971",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 51.451,
            "unit": "ms",
            "range": "± 1.0290",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 58.3897,
            "unit": "ms",
            "range": "± 1.4597",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 383.3869,
            "unit": "ms",
            "range": "± 5.7508",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1178.2242,
            "unit": "ms",
            "range": "± 23.5645",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1385.9938,
            "unit": "ms",
            "range": "± 34.6498",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.4786,
            "unit": "ms",
            "range": "± 0.0972",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.8991,
            "unit": "ms",
            "range": "± 0.3380",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 23.1857,
            "unit": "ms",
            "range": "± 0.5796",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.179,
            "unit": "ms",
            "range": "± 0.1527",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 24.484,
            "unit": "ms",
            "range": "± 0.4897",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 29.976,
            "unit": "ms",
            "range": "± 0.7494",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 116.813,
            "unit": "ms",
            "range": "± 1.7522",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 303.1349,
            "unit": "ms",
            "range": "± 6.0627",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 441.3365,
            "unit": "ms",
            "range": "± 11.0334",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 86.732,
            "unit": "ms",
            "range": "± 1.3010",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 255.0115,
            "unit": "ms",
            "range": "± 5.1002",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 332.5846,
            "unit": "ms",
            "range": "± 8.3146",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 37.7035,
            "unit": "ms",
            "range": "± 0.5656",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 108.1137,
            "unit": "ms",
            "range": "± 2.1623",
            "extra": "658827a5bb45; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 132.6481,
            "unit": "ms",
            "range": "± 3.3162",
            "extra": "658827a5bb45; 200 rounds; endpoint"
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
          "id": "86a3c2ec2a984344f5c54fd34848d97a0fe3c082",
          "message": "weekly 2",
          "timestamp": "",
          "tree_id": "ed6943172cbca1a76031511bef0b5d3c6ba9bdca",
          "url": "https://github.com/example/perfci/commit/86a3c2ec2a984344f5c54fd34848d97a0fe3c082"
        },
        "date": 1778473020000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1761,
            "unit": "ms",
            "range": "± 0.0176",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.4704,
            "unit": "ms",
            "range": "± 0.0694",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.6161,
            "unit": "ms",
            "range": "± 0.1154",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 17.5212,
            "unit": "ms",
            "range": "± 0.2628",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 54.3018,
            "unit": "ms",
            "range": "± 1.0860",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 70.9456,
            "unit": "ms",
            "range": "± 1.7736",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 432.8875,
            "unit": "ms",
            "range": "± 6.4933",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1065.559,
            "unit": "ms",
            "range": "± 21.3112",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1511.8174,
            "unit": "ms",
            "range": "± 37.7954",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.3115,
            "unit": "ms",
            "range": "± 0.0947",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.0886,
            "unit": "ms",
            "range": "± 0.3218",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 24.369,
            "unit": "ms",
            "range": "± 0.6092",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.1355,
            "unit": "ms",
            "range": "± 0.1520",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 24.4317,
            "unit": "ms",
            "range": "± 0.4886",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 32.6053,
            "unit": "ms",
            "range": "± 0.8151",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 125.3193,
            "unit": "ms",
            "range": "± 1.8798",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 298.0391,
            "unit": "ms",
            "range": "± 5.9608",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 414.2599,
            "unit": "ms",
            "range": "± 10.3565",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 82.6201,
            "unit": "ms",
            "range": "± 1.2393",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 230.022,
            "unit": "ms",
            "range": "± 4.6004",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 383.4232,
            "unit": "ms",
            "range": "± 9.5856",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 37.5249,
            "unit": "ms",
            "range": "± 0.5629",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 116.1404,
            "unit": "ms",
            "range": "± 2.3228",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 132.4626,
            "unit": "ms",
            "range": "± 3.3116",
            "extra": "86a3c2ec2a98; 200 rounds; endpoint"
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
          "id": "868ab4c13d46bf6cde8cc8afb10d2b2cf9a1ab0e",
          "message": "weekly 3",
          "timestamp": "",
          "tree_id": "457300360bb30eee3960181ef976c2ef6b30714f",
          "url": "https://github.com/example/perfci/commit/868ab4c13d46bf6cde8cc8afb10d2b2cf9a1ab0e"
        },
        "date": 1779077820000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2958,
            "unit": "ms",
            "range": "± 0.0194",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.2524,
            "unit": "ms",
            "range": "± 0.0650",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 3.9614,
            "unit": "ms",
            "range": "± 0.0990",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 19.2821,
            "unit": "ms",
            "range": "± 0.2892",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 46.04,
            "unit": "ms",
            "range": "± 0.9208",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 76.2481,
            "unit": "ms",
            "range": "± 1.9062",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 414.1412,
            "unit": "ms",
            "range": "± 6.2121",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1040.3869,
            "unit": "ms",
            "range": "± 20.8077",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1678.4975,
            "unit": "ms",
            "range": "± 41.9624",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.6881,
            "unit": "ms",
            "range": "± 0.1003",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.7792,
            "unit": "ms",
            "range": "± 0.3356",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 19.9832,
            "unit": "ms",
            "range": "± 0.4996",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.2251,
            "unit": "ms",
            "range": "± 0.1384",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 22.1113,
            "unit": "ms",
            "range": "± 0.4422",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 31.3366,
            "unit": "ms",
            "range": "± 0.7834",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 107.281,
            "unit": "ms",
            "range": "± 1.6092",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 300.9027,
            "unit": "ms",
            "range": "± 6.0181",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 374.7153,
            "unit": "ms",
            "range": "± 9.3679",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 80.8585,
            "unit": "ms",
            "range": "± 1.2129",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 215.9249,
            "unit": "ms",
            "range": "± 4.3185",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 299.1494,
            "unit": "ms",
            "range": "± 7.4787",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 39.4414,
            "unit": "ms",
            "range": "± 0.5916",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 96.3083,
            "unit": "ms",
            "range": "± 1.9262",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 141.8849,
            "unit": "ms",
            "range": "± 3.5471",
            "extra": "868ab4c13d46; 200 rounds; endpoint"
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
          "id": "47f55a6dc63fc60d0e372950e62e05e63a7b8c1a",
          "message": "weekly 4",
          "timestamp": "",
          "tree_id": "d608631a49759afa3657041021075f58c86b093c",
          "url": "https://github.com/example/perfci/commit/47f55a6dc63fc60d0e372950e62e05e63a7b8c1a"
        },
        "date": 1779682620000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2222,
            "unit": "ms",
            "range": "± 0.0183",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.7599,
            "unit": "ms",
            "range": "± 0.0552",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.2915,
            "unit": "ms",
            "range": "± 0.1073",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 16.1779,
            "unit": "ms",
            "range": "± 0.2427",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 50.0003,
            "unit": "ms",
            "range": "± 1.0000",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 70.5057,
            "unit": "ms",
            "range": "± 1.7626",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 461.5668,
            "unit": "ms",
            "range": "± 6.9235",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1191.006,
            "unit": "ms",
            "range": "± 23.8201",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1750.0243,
            "unit": "ms",
            "range": "± 43.7506",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.6918,
            "unit": "ms",
            "range": "± 0.1004",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 15.909,
            "unit": "ms",
            "range": "± 0.3182",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 26.9928,
            "unit": "ms",
            "range": "± 0.6748",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.0121,
            "unit": "ms",
            "range": "± 0.1352",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 27.7328,
            "unit": "ms",
            "range": "± 0.5547",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 33.7539,
            "unit": "ms",
            "range": "± 0.8438",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 113.6961,
            "unit": "ms",
            "range": "± 1.7054",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 324.3786,
            "unit": "ms",
            "range": "± 6.4876",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 428.9351,
            "unit": "ms",
            "range": "± 10.7234",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 86.2924,
            "unit": "ms",
            "range": "± 1.2944",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 208.5953,
            "unit": "ms",
            "range": "± 4.1719",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 283.4008,
            "unit": "ms",
            "range": "± 7.0850",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 36.9875,
            "unit": "ms",
            "range": "± 0.5548",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 110.749,
            "unit": "ms",
            "range": "± 2.2150",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 161.4462,
            "unit": "ms",
            "range": "± 4.0362",
            "extra": "47f55a6dc63f; 200 rounds; endpoint"
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
          "id": "301a819fc9228de73e5f2e52168ace13291dd675",
          "message": "weekly 5",
          "timestamp": "",
          "tree_id": "2a37f2cb193e7b3ba967cf035059f5962045afa6",
          "url": "https://github.com/example/perfci/commit/301a819fc9228de73e5f2e52168ace13291dd675"
        },
        "date": 1780287420000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1858,
            "unit": "ms",
            "range": "± 0.0178",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.7988,
            "unit": "ms",
            "range": "± 0.0560",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.2411,
            "unit": "ms",
            "range": "± 0.1060",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 21.0926,
            "unit": "ms",
            "range": "± 0.3164",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 43.194,
            "unit": "ms",
            "range": "± 0.8639",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 72.7282,
            "unit": "ms",
            "range": "± 1.8182",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 408.2059,
            "unit": "ms",
            "range": "± 6.1231",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1190.7758,
            "unit": "ms",
            "range": "± 23.8155",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1376.7184,
            "unit": "ms",
            "range": "± 34.4180",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.0976,
            "unit": "ms",
            "range": "± 0.0915",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 17.4192,
            "unit": "ms",
            "range": "± 0.3484",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 21.0182,
            "unit": "ms",
            "range": "± 0.5255",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.1331,
            "unit": "ms",
            "range": "± 0.1370",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 28.8459,
            "unit": "ms",
            "range": "± 0.5769",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 38.254,
            "unit": "ms",
            "range": "± 0.9563",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 116.8644,
            "unit": "ms",
            "range": "± 1.7530",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 333.7216,
            "unit": "ms",
            "range": "± 6.6744",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 485.9222,
            "unit": "ms",
            "range": "± 12.1481",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 87.8476,
            "unit": "ms",
            "range": "± 1.3177",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 256.3297,
            "unit": "ms",
            "range": "± 5.1266",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 327.0033,
            "unit": "ms",
            "range": "± 8.1751",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 42.241,
            "unit": "ms",
            "range": "± 0.6336",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 98.2617,
            "unit": "ms",
            "range": "± 1.9652",
            "extra": "301a819fc922; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 147.7617,
            "unit": "ms",
            "range": "± 3.6940",
            "extra": "301a819fc922; 200 rounds; endpoint"
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
          "id": "6414a1d18d0c3d107c0a1d0feaffdbf1b40034ac",
          "message": "weekly 6",
          "timestamp": "",
          "tree_id": "ade47e82469f28462ffd2fb99ec7a9f92c6d2f04",
          "url": "https://github.com/example/perfci/commit/6414a1d18d0c3d107c0a1d0feaffdbf1b40034ac"
        },
        "date": 1780892220000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2308,
            "unit": "ms",
            "range": "± 0.0185",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.5436,
            "unit": "ms",
            "range": "± 0.0709",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.1073,
            "unit": "ms",
            "range": "± 0.1027",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.6684,
            "unit": "ms",
            "range": "± 0.2800",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 47.9274,
            "unit": "ms",
            "range": "± 0.9585",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 66.2725,
            "unit": "ms",
            "range": "± 1.6568",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 404.5335,
            "unit": "ms",
            "range": "± 6.0680",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1234.9424,
            "unit": "ms",
            "range": "± 24.6988",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1415.9261,
            "unit": "ms",
            "range": "± 35.3982",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 5.9876,
            "unit": "ms",
            "range": "± 0.0898",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.5304,
            "unit": "ms",
            "range": "± 0.3306",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 22.2006,
            "unit": "ms",
            "range": "± 0.5550",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.4018,
            "unit": "ms",
            "range": "± 0.1410",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 23.0159,
            "unit": "ms",
            "range": "± 0.4603",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 35.0075,
            "unit": "ms",
            "range": "± 0.8752",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 111.4253,
            "unit": "ms",
            "range": "± 1.6714",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 328.4339,
            "unit": "ms",
            "range": "± 6.5687",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 517.4844,
            "unit": "ms",
            "range": "± 12.9371",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 92.4482,
            "unit": "ms",
            "range": "± 1.3867",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 242.8156,
            "unit": "ms",
            "range": "± 4.8563",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 339.516,
            "unit": "ms",
            "range": "± 8.4879",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 39.5913,
            "unit": "ms",
            "range": "± 0.5939",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 104.1523,
            "unit": "ms",
            "range": "± 2.0830",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 133.4335,
            "unit": "ms",
            "range": "± 3.3358",
            "extra": "6414a1d18d0c; 200 rounds; endpoint"
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
          "id": "3f62d4f5b9e3b621ba5c60eb2f4edcdc200ad1a8",
          "message": "weekly 7",
          "timestamp": "",
          "tree_id": "2e0a24020ad8362a66467be0d8f2b769e52489fb",
          "url": "https://github.com/example/perfci/commit/3f62d4f5b9e3b621ba5c60eb2f4edcdc200ad1a8"
        },
        "date": 1781497020000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1146,
            "unit": "ms",
            "range": "± 0.0167",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.9666,
            "unit": "ms",
            "range": "± 0.0593",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 3.6747,
            "unit": "ms",
            "range": "± 0.0919",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.3779,
            "unit": "ms",
            "range": "± 0.2757",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 54.7613,
            "unit": "ms",
            "range": "± 1.0952",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 70.6018,
            "unit": "ms",
            "range": "± 1.7650",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 409.4018,
            "unit": "ms",
            "range": "± 6.1410",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1017.923,
            "unit": "ms",
            "range": "± 20.3585",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1690.7522,
            "unit": "ms",
            "range": "± 42.2688",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.5875,
            "unit": "ms",
            "range": "± 0.0988",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 17.9047,
            "unit": "ms",
            "range": "± 0.3581",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 22.5976,
            "unit": "ms",
            "range": "± 0.5649",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.5841,
            "unit": "ms",
            "range": "± 0.1438",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 24.9327,
            "unit": "ms",
            "range": "± 0.4987",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 34.8086,
            "unit": "ms",
            "range": "± 0.8702",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 121.3731,
            "unit": "ms",
            "range": "± 1.8206",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 298.8612,
            "unit": "ms",
            "range": "± 5.9772",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 438.9954,
            "unit": "ms",
            "range": "± 10.9749",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 91.1105,
            "unit": "ms",
            "range": "± 1.3667",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 228.0674,
            "unit": "ms",
            "range": "± 4.5613",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 294.743,
            "unit": "ms",
            "range": "± 7.3686",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 39.281,
            "unit": "ms",
            "range": "± 0.5892",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 93.6907,
            "unit": "ms",
            "range": "± 1.8738",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 146.3433,
            "unit": "ms",
            "range": "± 3.6586",
            "extra": "3f62d4f5b9e3; 200 rounds; endpoint"
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
          "id": "e43c5ead9e808d86f96ce6c4341644ea821a604f",
          "message": "weekly 8",
          "timestamp": "",
          "tree_id": "4e77f1445b69bd460ad93de6cadef7120fe5fb9a",
          "url": "https://github.com/example/perfci/commit/e43c5ead9e808d86f96ce6c4341644ea821a604f"
        },
        "date": 1782101820000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2438,
            "unit": "ms",
            "range": "± 0.0187",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.1345,
            "unit": "ms",
            "range": "± 0.0627",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.5665,
            "unit": "ms",
            "range": "± 0.1142",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 16.8936,
            "unit": "ms",
            "range": "± 0.2534",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 43.6637,
            "unit": "ms",
            "range": "± 0.8733",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 74.7279,
            "unit": "ms",
            "range": "± 1.8682",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 437.9354,
            "unit": "ms",
            "range": "± 6.5690",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1208.915,
            "unit": "ms",
            "range": "± 24.1783",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1766.1246,
            "unit": "ms",
            "range": "± 44.1531",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.6981,
            "unit": "ms",
            "range": "± 0.1005",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 18.598,
            "unit": "ms",
            "range": "± 0.3720",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 23.9079,
            "unit": "ms",
            "range": "± 0.5977",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.1339,
            "unit": "ms",
            "range": "± 0.1370",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 28.2683,
            "unit": "ms",
            "range": "± 0.5654",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 31.3111,
            "unit": "ms",
            "range": "± 0.7828",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 120.6902,
            "unit": "ms",
            "range": "± 1.8104",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 320.1217,
            "unit": "ms",
            "range": "± 6.4024",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 507.7531,
            "unit": "ms",
            "range": "± 12.6938",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 85.3729,
            "unit": "ms",
            "range": "± 1.2806",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 235.5379,
            "unit": "ms",
            "range": "± 4.7108",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 357.5039,
            "unit": "ms",
            "range": "± 8.9376",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 38.9688,
            "unit": "ms",
            "range": "± 0.5845",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 87.4166,
            "unit": "ms",
            "range": "± 1.7483",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 136.7894,
            "unit": "ms",
            "range": "± 3.4197",
            "extra": "e43c5ead9e80; 200 rounds; endpoint"
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
          "id": "9b5070b7880993fc1ef59b4e251fbe053edaade6",
          "message": "weekly 9",
          "timestamp": "",
          "tree_id": "c891243b7140cf745eb1cdc6d708da9115437342",
          "url": "https://github.com/example/perfci/commit/9b5070b7880993fc1ef59b4e251fbe053edaade6"
        },
        "date": 1782706620000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.0732,
            "unit": "ms",
            "range": "± 0.0161",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.0796,
            "unit": "ms",
            "range": "± 0.0616",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.6343,
            "unit": "ms",
            "range": "± 0.1159",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 17.0673,
            "unit": "ms",
            "range": "± 0.2560",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 46.601,
            "unit": "ms",
            "range": "± 0.9320",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 77.2924,
            "unit": "ms",
            "range": "± 1.9323",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 474.8805,
            "unit": "ms",
            "range": "± 7.1232",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1108.3276,
            "unit": "ms",
            "range": "± 22.1666",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1472.0811,
            "unit": "ms",
            "range": "± 36.8020",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 7.0263,
            "unit": "ms",
            "range": "± 0.1054",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 19.8359,
            "unit": "ms",
            "range": "± 0.3967",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 25.3196,
            "unit": "ms",
            "range": "± 0.6330",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 8.0554,
            "unit": "ms",
            "range": "± 0.1208",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 25.0942,
            "unit": "ms",
            "range": "± 0.5019",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 34.3941,
            "unit": "ms",
            "range": "± 0.8599",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 124.0615,
            "unit": "ms",
            "range": "± 1.8609",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 308.2261,
            "unit": "ms",
            "range": "± 6.1645",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 410.5773,
            "unit": "ms",
            "range": "± 10.2644",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 90.3911,
            "unit": "ms",
            "range": "± 1.3559",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 214.5059,
            "unit": "ms",
            "range": "± 4.2901",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 288.7519,
            "unit": "ms",
            "range": "± 7.2188",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 44.6047,
            "unit": "ms",
            "range": "± 0.6691",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 95.2353,
            "unit": "ms",
            "range": "± 1.9047",
            "extra": "9b5070b78809; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 149.3265,
            "unit": "ms",
            "range": "± 3.7332",
            "extra": "9b5070b78809; 200 rounds; endpoint"
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
          "id": "51880953e07d7952ed402e4035798fcb3c6d6961",
          "message": "weekly 10",
          "timestamp": "",
          "tree_id": "475f695cd14d56a43711575b2dc56e7441379aa5",
          "url": "https://github.com/example/perfci/commit/51880953e07d7952ed402e4035798fcb3c6d6961"
        },
        "date": 1783311420000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1639,
            "unit": "ms",
            "range": "± 0.0175",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.7403,
            "unit": "ms",
            "range": "± 0.0548",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.4631,
            "unit": "ms",
            "range": "± 0.1116",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 20.6369,
            "unit": "ms",
            "range": "± 0.3096",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 46.8246,
            "unit": "ms",
            "range": "± 0.9365",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 74.3896,
            "unit": "ms",
            "range": "± 1.8597",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 449.1857,
            "unit": "ms",
            "range": "± 6.7378",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1162.4275,
            "unit": "ms",
            "range": "± 23.2486",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1522.9263,
            "unit": "ms",
            "range": "± 38.0732",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.6236,
            "unit": "ms",
            "range": "± 0.0994",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 15.8969,
            "unit": "ms",
            "range": "± 0.3179",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 20.9414,
            "unit": "ms",
            "range": "± 0.5235",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.2836,
            "unit": "ms",
            "range": "± 0.1393",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 24.5633,
            "unit": "ms",
            "range": "± 0.4913",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 31.6367,
            "unit": "ms",
            "range": "± 0.7909",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 115.9935,
            "unit": "ms",
            "range": "± 1.7399",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 311.7725,
            "unit": "ms",
            "range": "± 6.2355",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 503.219,
            "unit": "ms",
            "range": "± 12.5805",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 88.7307,
            "unit": "ms",
            "range": "± 1.3310",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 231.9018,
            "unit": "ms",
            "range": "± 4.6380",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 300.1569,
            "unit": "ms",
            "range": "± 7.5039",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 41.1716,
            "unit": "ms",
            "range": "± 0.6176",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 108.0165,
            "unit": "ms",
            "range": "± 2.1603",
            "extra": "51880953e07d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 141.0543,
            "unit": "ms",
            "range": "± 3.5264",
            "extra": "51880953e07d; 200 rounds; endpoint"
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
          "id": "4ca83ad21b252d27e3e6a216f5a3a74440a6d321",
          "message": "weekly 11",
          "timestamp": "",
          "tree_id": "87767416004790fa14fc6438a26bd422101c9482",
          "url": "https://github.com/example/perfci/commit/4ca83ad21b252d27e3e6a216f5a3a74440a6d321"
        },
        "date": 1783916220000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1108,
            "unit": "ms",
            "range": "± 0.0167",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.3044,
            "unit": "ms",
            "range": "± 0.0661",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.8759,
            "unit": "ms",
            "range": "± 0.1219",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.157,
            "unit": "ms",
            "range": "± 0.2724",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 46.9563,
            "unit": "ms",
            "range": "± 0.9391",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 70.1631,
            "unit": "ms",
            "range": "± 1.7541",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 375.0185,
            "unit": "ms",
            "range": "± 5.6253",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1200.9972,
            "unit": "ms",
            "range": "± 24.0199",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1590.6856,
            "unit": "ms",
            "range": "± 39.7671",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.1851,
            "unit": "ms",
            "range": "± 0.0928",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.606,
            "unit": "ms",
            "range": "± 0.3321",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 24.5066,
            "unit": "ms",
            "range": "± 0.6127",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.2884,
            "unit": "ms",
            "range": "± 0.1393",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 25.4177,
            "unit": "ms",
            "range": "± 0.5084",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 41.2418,
            "unit": "ms",
            "range": "± 1.0310",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 125.2263,
            "unit": "ms",
            "range": "± 1.8784",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 309.3886,
            "unit": "ms",
            "range": "± 6.1878",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 436.1822,
            "unit": "ms",
            "range": "± 10.9046",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 91.0771,
            "unit": "ms",
            "range": "± 1.3662",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 173.7462,
            "unit": "ms",
            "range": "± 3.4749",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 331.8492,
            "unit": "ms",
            "range": "± 8.2962",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 38.7113,
            "unit": "ms",
            "range": "± 0.5807",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 95.3717,
            "unit": "ms",
            "range": "± 1.9074",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 171.9931,
            "unit": "ms",
            "range": "± 4.2998",
            "extra": "4ca83ad21b25; 200 rounds; endpoint"
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
          "id": "3ffc5cffe4edf3ed5b5fe8b7f3e12b42b6e77860",
          "message": "weekly 12",
          "timestamp": "",
          "tree_id": "ebabc96c5a5146cd2145624adfd96a2a9209bf9c",
          "url": "https://github.com/example/perfci/commit/3ffc5cffe4edf3ed5b5fe8b7f3e12b42b6e77860"
        },
        "date": 1784521020000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1299,
            "unit": "ms",
            "range": "± 0.0169",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.6695,
            "unit": "ms",
            "range": "± 0.0734",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 3.7572,
            "unit": "ms",
            "range": "± 0.0939",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 19.5035,
            "unit": "ms",
            "range": "± 0.2926",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 46.676,
            "unit": "ms",
            "range": "± 0.9335",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 71.8183,
            "unit": "ms",
            "range": "± 1.7955",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 459.3329,
            "unit": "ms",
            "range": "± 6.8900",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1112.6781,
            "unit": "ms",
            "range": "± 22.2536",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1665.9547,
            "unit": "ms",
            "range": "± 41.6489",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.9594,
            "unit": "ms",
            "range": "± 0.1044",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 17.796,
            "unit": "ms",
            "range": "± 0.3559",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 26.5058,
            "unit": "ms",
            "range": "± 0.6626",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.5434,
            "unit": "ms",
            "range": "± 0.1582",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 22.3085,
            "unit": "ms",
            "range": "± 0.4462",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 48.2665,
            "unit": "ms",
            "range": "± 1.2067",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 115.4157,
            "unit": "ms",
            "range": "± 1.7312",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 318.2733,
            "unit": "ms",
            "range": "± 6.3655",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 476.0161,
            "unit": "ms",
            "range": "± 11.9004",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 79.8168,
            "unit": "ms",
            "range": "± 1.1973",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 254.5938,
            "unit": "ms",
            "range": "± 5.0919",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 394.4103,
            "unit": "ms",
            "range": "± 9.8603",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 37.913,
            "unit": "ms",
            "range": "± 0.5687",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 109.9849,
            "unit": "ms",
            "range": "± 2.1997",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 163.7594,
            "unit": "ms",
            "range": "± 4.0940",
            "extra": "3ffc5cffe4ed; 200 rounds; endpoint"
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
          "id": "b5915449c1db6a5c09078f77a34395adb7ca1336",
          "message": "weekly 13",
          "timestamp": "",
          "tree_id": "357be8362c942ae2dcdc2ac7a7c78b2ba509acce",
          "url": "https://github.com/example/perfci/commit/b5915449c1db6a5c09078f77a34395adb7ca1336"
        },
        "date": 1785125820000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2687,
            "unit": "ms",
            "range": "± 0.0190",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.1471,
            "unit": "ms",
            "range": "± 0.0629",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.6984,
            "unit": "ms",
            "range": "± 0.1175",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 17.9636,
            "unit": "ms",
            "range": "± 0.2695",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 42.9394,
            "unit": "ms",
            "range": "± 0.8588",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 75.6686,
            "unit": "ms",
            "range": "± 1.8917",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 454.9846,
            "unit": "ms",
            "range": "± 6.8248",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1077.3976,
            "unit": "ms",
            "range": "± 21.5480",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1723.6524,
            "unit": "ms",
            "range": "± 43.0913",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.6063,
            "unit": "ms",
            "range": "± 0.0991",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 20.8623,
            "unit": "ms",
            "range": "± 0.4172",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 24.3517,
            "unit": "ms",
            "range": "± 0.6088",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 11.6265,
            "unit": "ms",
            "range": "± 0.1744",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 24.4132,
            "unit": "ms",
            "range": "± 0.4883",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 34.4851,
            "unit": "ms",
            "range": "± 0.8621",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 133.866,
            "unit": "ms",
            "range": "± 2.0080",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 295.7205,
            "unit": "ms",
            "range": "± 5.9144",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 541.9907,
            "unit": "ms",
            "range": "± 13.5498",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 81.3383,
            "unit": "ms",
            "range": "± 1.2201",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 213.9774,
            "unit": "ms",
            "range": "± 4.2795",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 269.9743,
            "unit": "ms",
            "range": "± 6.7494",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 38.6609,
            "unit": "ms",
            "range": "± 0.5799",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 105.3132,
            "unit": "ms",
            "range": "± 2.1063",
            "extra": "b5915449c1db; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 138.9101,
            "unit": "ms",
            "range": "± 3.4728",
            "extra": "b5915449c1db; 200 rounds; endpoint"
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
          "id": "5ff1c5f7704b14f5958bf5049b951d7d8657eaf9",
          "message": "weekly 14",
          "timestamp": "",
          "tree_id": "0227674683212fdbc74463f44b5feb0a9e6f7189",
          "url": "https://github.com/example/perfci/commit/5ff1c5f7704b14f5958bf5049b951d7d8657eaf9"
        },
        "date": 1785730620000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1955,
            "unit": "ms",
            "range": "± 0.0179",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.3202,
            "unit": "ms",
            "range": "± 0.0664",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 5.5428,
            "unit": "ms",
            "range": "± 0.1386",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.2967,
            "unit": "ms",
            "range": "± 0.2745",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 45.9761,
            "unit": "ms",
            "range": "± 0.9195",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 68.1427,
            "unit": "ms",
            "range": "± 1.7036",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 429.6871,
            "unit": "ms",
            "range": "± 6.4453",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1073.6903,
            "unit": "ms",
            "range": "± 21.4738",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1574.4215,
            "unit": "ms",
            "range": "± 39.3605",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.0353,
            "unit": "ms",
            "range": "± 0.0905",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.5825,
            "unit": "ms",
            "range": "± 0.3317",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 24.6061,
            "unit": "ms",
            "range": "± 0.6152",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.4371,
            "unit": "ms",
            "range": "± 0.1416",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 24.9756,
            "unit": "ms",
            "range": "± 0.4995",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 35.3477,
            "unit": "ms",
            "range": "± 0.8837",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 125.0228,
            "unit": "ms",
            "range": "± 1.8753",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 311.1971,
            "unit": "ms",
            "range": "± 6.2239",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 475.2628,
            "unit": "ms",
            "range": "± 11.8816",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 86.1374,
            "unit": "ms",
            "range": "± 1.2921",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 248.5368,
            "unit": "ms",
            "range": "± 4.9707",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 291.1348,
            "unit": "ms",
            "range": "± 7.2784",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 42.3195,
            "unit": "ms",
            "range": "± 0.6348",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 108.4741,
            "unit": "ms",
            "range": "± 2.1695",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 142.0334,
            "unit": "ms",
            "range": "± 3.5508",
            "extra": "5ff1c5f7704b; 200 rounds; endpoint"
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
          "id": "3c4472836349184311200bc3bbe84efebaae6de0",
          "message": "weekly 15",
          "timestamp": "",
          "tree_id": "7a68dfe30734953b8c434f55f97f16722cfbcaab",
          "url": "https://github.com/example/perfci/commit/3c4472836349184311200bc3bbe84efebaae6de0"
        },
        "date": 1786335420000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2076,
            "unit": "ms",
            "range": "± 0.0181",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.8424,
            "unit": "ms",
            "range": "± 0.0568",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.2456,
            "unit": "ms",
            "range": "± 0.1061",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.7014,
            "unit": "ms",
            "range": "± 0.2805",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 55.2617,
            "unit": "ms",
            "range": "± 1.1052",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 58.5476,
            "unit": "ms",
            "range": "± 1.4637",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 482.3759,
            "unit": "ms",
            "range": "± 7.2356",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1096.5234,
            "unit": "ms",
            "range": "± 21.9305",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1701.4313,
            "unit": "ms",
            "range": "± 42.5358",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.3815,
            "unit": "ms",
            "range": "± 0.0957",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 22.707,
            "unit": "ms",
            "range": "± 0.4541",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 20.5773,
            "unit": "ms",
            "range": "± 0.5144",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 7.8903,
            "unit": "ms",
            "range": "± 0.1184",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 23.1216,
            "unit": "ms",
            "range": "± 0.4624",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 39.7983,
            "unit": "ms",
            "range": "± 0.9950",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 110.4212,
            "unit": "ms",
            "range": "± 1.6563",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 323.7038,
            "unit": "ms",
            "range": "± 6.4741",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 458.7875,
            "unit": "ms",
            "range": "± 11.4697",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 90.3915,
            "unit": "ms",
            "range": "± 1.3559",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 228.3519,
            "unit": "ms",
            "range": "± 4.5670",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 337.1562,
            "unit": "ms",
            "range": "± 8.4289",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 39.8312,
            "unit": "ms",
            "range": "± 0.5975",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 112.1012,
            "unit": "ms",
            "range": "± 2.2420",
            "extra": "3c4472836349; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 154.9943,
            "unit": "ms",
            "range": "± 3.8749",
            "extra": "3c4472836349; 200 rounds; endpoint"
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
          "id": "0b432c7851eac046b1ab452aae872d8c1d49e97b",
          "message": "weekly 16",
          "timestamp": "",
          "tree_id": "3df05c9bd6b34dd1e5ebcfb6f1897fcf184a8113",
          "url": "https://github.com/example/perfci/commit/0b432c7851eac046b1ab452aae872d8c1d49e97b"
        },
        "date": 1786940220000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1984,
            "unit": "ms",
            "range": "± 0.0180",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.3352,
            "unit": "ms",
            "range": "± 0.0667",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 3.7453,
            "unit": "ms",
            "range": "± 0.0936",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.5356,
            "unit": "ms",
            "range": "± 0.2780",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 48.21,
            "unit": "ms",
            "range": "± 0.9642",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 63.8333,
            "unit": "ms",
            "range": "± 1.5958",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 407.7214,
            "unit": "ms",
            "range": "± 6.1158",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1047.5819,
            "unit": "ms",
            "range": "± 20.9516",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1654.33,
            "unit": "ms",
            "range": "± 41.3582",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 7.1371,
            "unit": "ms",
            "range": "± 0.1071",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 18.8808,
            "unit": "ms",
            "range": "± 0.3776",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 26.0901,
            "unit": "ms",
            "range": "± 0.6523",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.0163,
            "unit": "ms",
            "range": "± 0.1502",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 22.3941,
            "unit": "ms",
            "range": "± 0.4479",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 38.6456,
            "unit": "ms",
            "range": "± 0.9661",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 125.8712,
            "unit": "ms",
            "range": "± 1.8881",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 323.6233,
            "unit": "ms",
            "range": "± 6.4725",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 487.0324,
            "unit": "ms",
            "range": "± 12.1758",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 75.3654,
            "unit": "ms",
            "range": "± 1.1305",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 206.7,
            "unit": "ms",
            "range": "± 4.1340",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 326.3779,
            "unit": "ms",
            "range": "± 8.1594",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 43.0069,
            "unit": "ms",
            "range": "± 0.6451",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 115.0461,
            "unit": "ms",
            "range": "± 2.3009",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 142.5374,
            "unit": "ms",
            "range": "± 3.5634",
            "extra": "0b432c7851ea; 200 rounds; endpoint"
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
          "id": "11c8b1731333fdcf1264d905a0a26b7964679306",
          "message": "weekly 17",
          "timestamp": "",
          "tree_id": "2172602c1f7c83a865731fe15f503fbcd663b3b6",
          "url": "https://github.com/example/perfci/commit/11c8b1731333fdcf1264d905a0a26b7964679306"
        },
        "date": 1787545020000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.343,
            "unit": "ms",
            "range": "± 0.0201",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.2762,
            "unit": "ms",
            "range": "± 0.0655",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.9521,
            "unit": "ms",
            "range": "± 0.1238",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 16.1514,
            "unit": "ms",
            "range": "± 0.2423",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 48.6611,
            "unit": "ms",
            "range": "± 0.9732",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 57.9689,
            "unit": "ms",
            "range": "± 1.4492",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 430.6342,
            "unit": "ms",
            "range": "± 6.4595",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1139.0091,
            "unit": "ms",
            "range": "± 22.7802",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1468.2909,
            "unit": "ms",
            "range": "± 36.7073",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.5368,
            "unit": "ms",
            "range": "± 0.0981",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 18.5001,
            "unit": "ms",
            "range": "± 0.3700",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 22.5594,
            "unit": "ms",
            "range": "± 0.5640",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.1258,
            "unit": "ms",
            "range": "± 0.1369",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 24.1471,
            "unit": "ms",
            "range": "± 0.4829",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 38.9161,
            "unit": "ms",
            "range": "± 0.9729",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 123.0325,
            "unit": "ms",
            "range": "± 1.8455",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 283.3464,
            "unit": "ms",
            "range": "± 5.6669",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 441.5457,
            "unit": "ms",
            "range": "± 11.0386",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 77.909,
            "unit": "ms",
            "range": "± 1.1686",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 221.0531,
            "unit": "ms",
            "range": "± 4.4211",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 305.3874,
            "unit": "ms",
            "range": "± 7.6347",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 39.8426,
            "unit": "ms",
            "range": "± 0.5976",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 112.3814,
            "unit": "ms",
            "range": "± 2.2476",
            "extra": "11c8b1731333; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 151.3889,
            "unit": "ms",
            "range": "± 3.7847",
            "extra": "11c8b1731333; 200 rounds; endpoint"
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
          "id": "56ad461ddf147f65e4d803ab0d78ba05ec9c62b2",
          "message": "weekly 18",
          "timestamp": "",
          "tree_id": "cd6c8457c618ded863f6468c615b0d7454556174",
          "url": "https://github.com/example/perfci/commit/56ad461ddf147f65e4d803ab0d78ba05ec9c62b2"
        },
        "date": 1788149820000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1963,
            "unit": "ms",
            "range": "± 0.0179",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.9851,
            "unit": "ms",
            "range": "± 0.0597",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.1201,
            "unit": "ms",
            "range": "± 0.1030",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 17.6995,
            "unit": "ms",
            "range": "± 0.2655",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 52.1894,
            "unit": "ms",
            "range": "± 1.0438",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 63.1084,
            "unit": "ms",
            "range": "± 1.5777",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 435.2322,
            "unit": "ms",
            "range": "± 6.5285",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1081.9677,
            "unit": "ms",
            "range": "± 21.6394",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1706.2697,
            "unit": "ms",
            "range": "± 42.6567",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.5384,
            "unit": "ms",
            "range": "± 0.0981",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 18.2078,
            "unit": "ms",
            "range": "± 0.3642",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 28.1855,
            "unit": "ms",
            "range": "± 0.7046",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.4379,
            "unit": "ms",
            "range": "± 0.1416",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 21.8443,
            "unit": "ms",
            "range": "± 0.4369",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 31.5249,
            "unit": "ms",
            "range": "± 0.7881",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 118.4153,
            "unit": "ms",
            "range": "± 1.7762",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 310.7985,
            "unit": "ms",
            "range": "± 6.2160",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 387.9525,
            "unit": "ms",
            "range": "± 9.6988",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 87.5902,
            "unit": "ms",
            "range": "± 1.3139",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 253.9374,
            "unit": "ms",
            "range": "± 5.0787",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 281.6799,
            "unit": "ms",
            "range": "± 7.0420",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 41.5336,
            "unit": "ms",
            "range": "± 0.6230",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 99.568,
            "unit": "ms",
            "range": "± 1.9914",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 168.2521,
            "unit": "ms",
            "range": "± 4.2063",
            "extra": "56ad461ddf14; 200 rounds; endpoint"
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
          "id": "9f1a7ac68e0d9a86f3fc72e2755d0fdb2a4cb3fd",
          "message": "weekly 19",
          "timestamp": "",
          "tree_id": "8cf45f8bd64318b1c7408851fd3fd3d7b1969ffe",
          "url": "https://github.com/example/perfci/commit/9f1a7ac68e0d9a86f3fc72e2755d0fdb2a4cb3fd"
        },
        "date": 1788754620000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.0891,
            "unit": "ms",
            "range": "± 0.0163",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.0079,
            "unit": "ms",
            "range": "± 0.0602",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.5919,
            "unit": "ms",
            "range": "± 0.1148",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 16.8196,
            "unit": "ms",
            "range": "± 0.2523",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 50.541,
            "unit": "ms",
            "range": "± 1.0108",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 67.9773,
            "unit": "ms",
            "range": "± 1.6994",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 433.7953,
            "unit": "ms",
            "range": "± 6.5069",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1155.1978,
            "unit": "ms",
            "range": "± 23.1040",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1592.9006,
            "unit": "ms",
            "range": "± 39.8225",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.3753,
            "unit": "ms",
            "range": "± 0.0956",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 16.7157,
            "unit": "ms",
            "range": "± 0.3343",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 23.9235,
            "unit": "ms",
            "range": "± 0.5981",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.3024,
            "unit": "ms",
            "range": "± 0.1395",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 25.6749,
            "unit": "ms",
            "range": "± 0.5135",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 32.0849,
            "unit": "ms",
            "range": "± 0.8021",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 106.8169,
            "unit": "ms",
            "range": "± 1.6023",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 288.0977,
            "unit": "ms",
            "range": "± 5.7620",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 362.0634,
            "unit": "ms",
            "range": "± 9.0516",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 74.7067,
            "unit": "ms",
            "range": "± 1.1206",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 208.2226,
            "unit": "ms",
            "range": "± 4.1645",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 338.5227,
            "unit": "ms",
            "range": "± 8.4631",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 42.4233,
            "unit": "ms",
            "range": "± 0.6363",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 105.4039,
            "unit": "ms",
            "range": "± 2.1081",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 134.8448,
            "unit": "ms",
            "range": "± 3.3711",
            "extra": "9f1a7ac68e0d; 200 rounds; endpoint"
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
          "id": "450e2c45acafecf9c9592a227ddfe2482cae2251",
          "message": "weekly 20",
          "timestamp": "",
          "tree_id": "0c4eb516c8076353ccaad2d6e8b4cd3bebcbde38",
          "url": "https://github.com/example/perfci/commit/450e2c45acafecf9c9592a227ddfe2482cae2251"
        },
        "date": 1789359420000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2269,
            "unit": "ms",
            "range": "± 0.0184",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.1436,
            "unit": "ms",
            "range": "± 0.0629",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.267,
            "unit": "ms",
            "range": "± 0.1067",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.8061,
            "unit": "ms",
            "range": "± 0.2821",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 47.7132,
            "unit": "ms",
            "range": "± 0.9543",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 64.5412,
            "unit": "ms",
            "range": "± 1.6135",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 428.5764,
            "unit": "ms",
            "range": "± 6.4286",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1115.2331,
            "unit": "ms",
            "range": "± 22.3047",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1797.6321,
            "unit": "ms",
            "range": "± 44.9408",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 5.8528,
            "unit": "ms",
            "range": "± 0.0878",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 17.453,
            "unit": "ms",
            "range": "± 0.3491",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 26.3862,
            "unit": "ms",
            "range": "± 0.6597",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.7112,
            "unit": "ms",
            "range": "± 0.1607",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 26.1922,
            "unit": "ms",
            "range": "± 0.5238",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 38.228,
            "unit": "ms",
            "range": "± 0.9557",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 120.1577,
            "unit": "ms",
            "range": "± 1.8024",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 321.5002,
            "unit": "ms",
            "range": "± 6.4300",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 554.7894,
            "unit": "ms",
            "range": "± 13.8697",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 82.7087,
            "unit": "ms",
            "range": "± 1.2406",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 242.0584,
            "unit": "ms",
            "range": "± 4.8412",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 282.0314,
            "unit": "ms",
            "range": "± 7.0508",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 44.6167,
            "unit": "ms",
            "range": "± 0.6693",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 103.6075,
            "unit": "ms",
            "range": "± 2.0721",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 146.9416,
            "unit": "ms",
            "range": "± 3.6735",
            "extra": "450e2c45acaf; 200 rounds; endpoint"
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
          "id": "0a47ece860981e98cfb7f373ce952ce9a0558002",
          "message": "weekly 21",
          "timestamp": "",
          "tree_id": "8c50e3f285c73e00cdb87f9c7bba4b70b4830d78",
          "url": "https://github.com/example/perfci/commit/0a47ece860981e98cfb7f373ce952ce9a0558002"
        },
        "date": 1789964220000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.2486,
            "unit": "ms",
            "range": "± 0.0187",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.4736,
            "unit": "ms",
            "range": "± 0.0695",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.1223,
            "unit": "ms",
            "range": "± 0.1031",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 18.4109,
            "unit": "ms",
            "range": "± 0.2762",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 46.0567,
            "unit": "ms",
            "range": "± 0.9211",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 60.4933,
            "unit": "ms",
            "range": "± 1.5123",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 406.9205,
            "unit": "ms",
            "range": "± 6.1038",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1305.6405,
            "unit": "ms",
            "range": "± 26.1128",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1613.9898,
            "unit": "ms",
            "range": "± 40.3497",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.2609,
            "unit": "ms",
            "range": "± 0.0939",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 17.8862,
            "unit": "ms",
            "range": "± 0.3577",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 22.6277,
            "unit": "ms",
            "range": "± 0.5657",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 10.2293,
            "unit": "ms",
            "range": "± 0.1534",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 25.6749,
            "unit": "ms",
            "range": "± 0.5135",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 36.8633,
            "unit": "ms",
            "range": "± 0.9216",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 120.6201,
            "unit": "ms",
            "range": "± 1.8093",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 347.5602,
            "unit": "ms",
            "range": "± 6.9512",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 515.2754,
            "unit": "ms",
            "range": "± 12.8819",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 82.4447,
            "unit": "ms",
            "range": "± 1.2367",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 238.5121,
            "unit": "ms",
            "range": "± 4.7702",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 333.6227,
            "unit": "ms",
            "range": "± 8.3406",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 43.5069,
            "unit": "ms",
            "range": "± 0.6526",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 104.9828,
            "unit": "ms",
            "range": "± 2.0997",
            "extra": "0a47ece86098; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 147.6429,
            "unit": "ms",
            "range": "± 3.6911",
            "extra": "0a47ece86098; 200 rounds; endpoint"
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
          "id": "3ec70da956c468936edc1861528a99be03ae1dd2",
          "message": "weekly 22",
          "timestamp": "",
          "tree_id": "76040c3e2ded599751351792f52cc3100d16faf1",
          "url": "https://github.com/example/perfci/commit/3ec70da956c468936edc1861528a99be03ae1dd2"
        },
        "date": 1790569020000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.105,
            "unit": "ms",
            "range": "± 0.0166",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.9629,
            "unit": "ms",
            "range": "± 0.0593",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.841,
            "unit": "ms",
            "range": "± 0.1210",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 16.5161,
            "unit": "ms",
            "range": "± 0.2477",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 44.87,
            "unit": "ms",
            "range": "± 0.8974",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 67.2677,
            "unit": "ms",
            "range": "± 1.6817",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 416.632,
            "unit": "ms",
            "range": "± 6.2495",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1251.7077,
            "unit": "ms",
            "range": "± 25.0342",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1732.4866,
            "unit": "ms",
            "range": "± 43.3122",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.7331,
            "unit": "ms",
            "range": "± 0.1010",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 17.8528,
            "unit": "ms",
            "range": "± 0.3571",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 23.1663,
            "unit": "ms",
            "range": "± 0.5792",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.9459,
            "unit": "ms",
            "range": "± 0.1492",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 27.019,
            "unit": "ms",
            "range": "± 0.5404",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 36.2567,
            "unit": "ms",
            "range": "± 0.9064",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 117.615,
            "unit": "ms",
            "range": "± 1.7642",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 318.385,
            "unit": "ms",
            "range": "± 6.3677",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 566.2284,
            "unit": "ms",
            "range": "± 14.1557",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 82.2698,
            "unit": "ms",
            "range": "± 1.2340",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 220.1253,
            "unit": "ms",
            "range": "± 4.4025",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 319.0523,
            "unit": "ms",
            "range": "± 7.9763",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 37.4606,
            "unit": "ms",
            "range": "± 0.5619",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 101.2642,
            "unit": "ms",
            "range": "± 2.0253",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 150.3256,
            "unit": "ms",
            "range": "± 3.7581",
            "extra": "3ec70da956c4; 200 rounds; endpoint"
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
          "id": "d9117bf4246f9cd34f0e883bc4aeb055ac3b5bae",
          "message": "weekly 23",
          "timestamp": "",
          "tree_id": "331391c79f4e8b2741d4547c049563d8364f45af",
          "url": "https://github.com/example/perfci/commit/d9117bf4246f9cd34f0e883bc4aeb055ac3b5bae"
        },
        "date": 1791173820000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1491,
            "unit": "ms",
            "range": "± 0.0172",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 2.812,
            "unit": "ms",
            "range": "± 0.0562",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 4.4892,
            "unit": "ms",
            "range": "± 0.1122",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 17.0503,
            "unit": "ms",
            "range": "± 0.2558",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 50.3438,
            "unit": "ms",
            "range": "± 1.0069",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 56.4138,
            "unit": "ms",
            "range": "± 1.4103",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 463.2166,
            "unit": "ms",
            "range": "± 6.9482",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1230.5628,
            "unit": "ms",
            "range": "± 24.6113",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1569.4515,
            "unit": "ms",
            "range": "± 39.2363",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.997,
            "unit": "ms",
            "range": "± 0.1050",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 15.848,
            "unit": "ms",
            "range": "± 0.3170",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 20.9585,
            "unit": "ms",
            "range": "± 0.5240",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.0459,
            "unit": "ms",
            "range": "± 0.1357",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 25.0668,
            "unit": "ms",
            "range": "± 0.5013",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 45.2227,
            "unit": "ms",
            "range": "± 1.1306",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 127.5428,
            "unit": "ms",
            "range": "± 1.9131",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 338.8293,
            "unit": "ms",
            "range": "± 6.7766",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 417.3865,
            "unit": "ms",
            "range": "± 10.4347",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 88.4118,
            "unit": "ms",
            "range": "± 1.3262",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 226.3375,
            "unit": "ms",
            "range": "± 4.5267",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 294.5319,
            "unit": "ms",
            "range": "± 7.3633",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 45.248,
            "unit": "ms",
            "range": "± 0.6787",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 89.7774,
            "unit": "ms",
            "range": "± 1.7955",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 133.0802,
            "unit": "ms",
            "range": "± 3.3270",
            "extra": "d9117bf4246f; 200 rounds; endpoint"
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
          "id": "496068ca487e36c468bdeb96158a7b9220deeb6a",
          "message": "weekly 24",
          "timestamp": "",
          "tree_id": "e5e08b5996d3d3ca475b77b9dc114869993ccf68",
          "url": "https://github.com/example/perfci/commit/496068ca487e36c468bdeb96158a7b9220deeb6a"
        },
        "date": 1791778620000,
        "tool": "customSmallerIsBetter",
        "benches": [
          {
            "name": "health p50",
            "value": 1.1537,
            "unit": "ms",
            "range": "± 0.0173",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "health p95",
            "value": 3.081,
            "unit": "ms",
            "range": "± 0.0616",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "health p99",
            "value": 5.2214,
            "unit": "ms",
            "range": "± 0.1305",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "classify p50",
            "value": 16.6286,
            "unit": "ms",
            "range": "± 0.2494",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "classify p95",
            "value": 52.0286,
            "unit": "ms",
            "range": "± 1.0406",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "classify p99",
            "value": 65.4944,
            "unit": "ms",
            "range": "± 1.6374",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "search p50",
            "value": 480.099,
            "unit": "ms",
            "range": "± 7.2015",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "search p95",
            "value": 1100.1481,
            "unit": "ms",
            "range": "± 22.0030",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "search p99",
            "value": 1924.9666,
            "unit": "ms",
            "range": "± 48.1242",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p50",
            "value": 6.4004,
            "unit": "ms",
            "range": "± 0.0960",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p95",
            "value": 14.552,
            "unit": "ms",
            "range": "± 0.2910",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "taxonomy_tree p99",
            "value": 29.1984,
            "unit": "ms",
            "range": "± 0.7300",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p50",
            "value": 9.2555,
            "unit": "ms",
            "range": "± 0.1388",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p95",
            "value": 21.5521,
            "unit": "ms",
            "range": "± 0.4310",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_analyze p99",
            "value": 33.4706,
            "unit": "ms",
            "range": "± 0.8368",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p50",
            "value": 114.5879,
            "unit": "ms",
            "range": "± 1.7188",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p95",
            "value": 293.2839,
            "unit": "ms",
            "range": "± 5.8657",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "reflection_batch p99",
            "value": 512.6531,
            "unit": "ms",
            "range": "± 12.8163",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p50",
            "value": 78.3895,
            "unit": "ms",
            "range": "± 1.1758",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p95",
            "value": 232.1732,
            "unit": "ms",
            "range": "± 4.6435",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_run p99",
            "value": 349.2553,
            "unit": "ms",
            "range": "± 8.7314",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p50",
            "value": 39.8938,
            "unit": "ms",
            "range": "± 0.5984",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p95",
            "value": 92.3817,
            "unit": "ms",
            "range": "± 1.8476",
            "extra": "496068ca487e; 200 rounds; endpoint"
          },
          {
            "name": "consolidation_dry_run p99",
            "value": 157.2969,
            "unit": "ms",
            "range": "± 3.9324",
            "extra": "496068ca487e; 200 rounds; endpoint"
          }
        ]
      }
    ]
  }
}