"""Predictions of the pre-prior code (commit d7cb9a5) on the sample, for the `--prior none` regression test in 02_lora_training.

Usage: python make_reference.py OUT.csv [CHECKOUT]   (CHECKOUT: a folder holding the humor_ce package to take them from)"""
import tempfile, sys
from pathlib import Path
import pandas as pd
sys.path.insert(0, sys.argv[2]) if len(sys.argv) > 2 else None  # a checkout of the code to take the reference from
from humor_ce.captioning import load_humor_dataset, captioned_frame, write_atomic
from humor_ce.training import read_pairs, build_tiny_bert, train_cross_encoder, TrainConfig, HumorPredictor

sample_dir = Path(tempfile.mkdtemp())/'caption_processed'
splits = load_humor_dataset(str(Path(__file__).resolve().parents[1]))
fake = type('C', (), {'__getitem__': lambda self, m: f'画像{m[:4]}: 変な顔の猫が会議をしている'})()
write_atomic({f'{s}.csv': captioned_frame(df, fake) for s, df in splits.items()}, sample_dir)
train_df, valid_df = read_pairs(sample_dir/'train.csv'), read_pairs(sample_dir/'validation.csv')
tiny = build_tiny_bert(Path(tempfile.mkdtemp())/'tiny-bert', pd.concat([train_df.odai, train_df.response]).tolist())
cfg = TrainConfig(model=str(tiny), lr=2e-2, epochs=6, batch_size=4, patience=6, device='cpu')
out = Path(tempfile.mkdtemp())/'run'
train_cross_encoder(train_df, valid_df, out, cfg, progress=False)
pred = HumorPredictor.from_pretrained(out/'final', device='cpu').predict(valid_df.odai, valid_df.response)
ref = valid_df[['odai_id', 'response']].assign(predicted_score=pred)
ref.to_csv(sys.argv[1], index=False, float_format='%.9g')
print(ref.head())
