-- The type found from the first bytes of a finished upload (disk store), to check the claimed filetype.
ALTER TABLE uploads ADD COLUMN detected_type text;
